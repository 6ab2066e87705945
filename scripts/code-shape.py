#!/usr/bin/env python3
"""Prints the shape of the code: main-code lines per module and the longest methods.

  python3 scripts/code-shape.py [--top N]

Lines are non-blank lines of src/main/java. A method's length runs from its signature's first
line (signatures wrapped over several lines included) to its closing brace. The parser is a brace matcher over Java with strings, chars and
comments blanked out: good enough to rank methods, not a compiler.
"""
import argparse
import pathlib
import re

KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "try", "do", "else", "return",
            "new", "throw"}
# A declaration starts with modifiers or a return type, then the name: `  public Foo bar(`.
DECLARATION = re.compile(r"^\s*(@\w+\s+)*([\w<>\[\],.?]+\s+)+\w+\s*\(")
SIGNATURE = re.compile(r"(\w+)\s*\([^;{}]*\)\s*(throws [\w.,\s]+)?\{\s*$")


def blank_literals(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def declaration_start(lines, start):
    """The first line of the statement whose last line is lines[start]."""
    first = start
    while first > 0 and lines[first - 1].strip() and not lines[first - 1].rstrip().endswith(
            (";", "{", "}", "*/")) and not lines[first - 1].strip().startswith("@"):
        first -= 1
    return first


def signature(lines, start):
    """(first line, name) of a method declaration ending at lines[start] with `{`, else None."""
    line = lines[start]
    if not line.rstrip().endswith("{") or "->" in line:
        return None
    first = declaration_start(lines, start)
    text = " ".join(l.strip() for l in lines[first:start + 1])
    m = SIGNATURE.search(text)
    if not m or m.group(1) in KEYWORDS or "->" in text or "=" in text.split("(")[0]:
        return None
    if re.search(r"\b(record|class|enum|interface)\b", text) or not DECLARATION.match(text):
        return None
    return first, m.group(1)


def methods(path):
    lines = blank_literals(path.read_text(encoding="utf-8")).split("\n")
    found = []
    for start, line in enumerate(lines):
        sig = signature(lines, start)
        if sig is None:
            continue
        first, name = sig
        depth, end = 0, start
        for end in range(start, len(lines)):
            depth += lines[end].count("{") - lines[end].count("}")
            if depth <= 0 and end >= start:
                break
        found.append((end - first + 1, f"{path}:{first + 1}", name))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    rows, all_methods = [], []
    for pom in sorted(root.glob("*/pom.xml")):
        module = pom.parent
        sources = sorted((module / "src/main/java").rglob("*.java"))
        count = sum(1 for f in sources for l in f.read_text(encoding="utf-8").split("\n") if l.strip())
        rows.append((module.name, len(sources), count))
        for f in sources:
            all_methods += [(n, str(pathlib.Path(loc).relative_to(root)), name)
                            for n, loc, name in methods(f)]
    print("| module | files | lines |\n|---|---:|---:|")
    for name, files, count in rows:
        print(f"| {name} | {files} | {count:,} |")
    print(f"| **total** | {sum(r[1] for r in rows)} | {sum(r[2] for r in rows):,} |\n")
    print("| lines | method | where |\n|---:|---|---|")
    for n, loc, name in sorted(all_methods, reverse=True)[: args.top]:
        print(f"| {n} | `{name}` | {loc} |")


if __name__ == "__main__":
    main()
