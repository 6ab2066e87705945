package dev.files.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A Markdown result: a title, notes, and tables; printed and written to {@code bench/results/}. */
public final class ResultTable {
  private final String title;
  private final List<String> lines = new ArrayList<>();
  private List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public ResultTable(String title) {
    this.title = title;
  }

  /** A paragraph line shown before the table. */
  public ResultTable note(String text) {
    lines.add(text);
    return this;
  }

  public ResultTable header(String... columns) {
    header = List.of(columns);
    return this;
  }

  public ResultTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(String.valueOf(c));
    }
    rows.add(r);
    return this;
  }

  public List<List<String>> rows() {
    return List.copyOf(rows);
  }

  public String markdown() {
    StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
    for (String l : lines) {
      b.append(l).append("\n\n");
    }
    if (header != null) {
      b.append("| ").append(String.join(" | ", header)).append(" |\n");
      b.append("|").append("---|".repeat(header.size())).append("\n");
      for (List<String> r : rows) {
        b.append("| ").append(String.join(" | ", r)).append(" |\n");
      }
    }
    return b.toString();
  }

  /** Prints the table and writes it to {@code dir/<name>-<date>.md}; returns the file. */
  public Path publish(Path dir, String name) {
    String md = markdown();
    System.out.println(md);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + "-" + LocalDate.now(ZoneOffset.UTC) + ".md");
      Files.writeString(file, md);
      System.out.println("written to " + file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
