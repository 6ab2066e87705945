package dev.files.service.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's pages (every Markdown file it holds) stand alone: no page points to notes
 * outside the repository or names a path of some machine, and every relative link leads to a file
 * of the repository.
 */
class DocsStandAloneTest {
  /** References to notes kept outside the repository, and absolute paths of a machine. */
  private static final Pattern OUTSIDE =
      Pattern.compile(
          "/work/|\\.\\./shared|/home/|/root/|/Users/|[Dd]esign notes"
              + "|\\b(?:ARCHITECTURE|API|TESTING|DEPENDENCIES)\\.md\\b");

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

  @Test
  void noPageMentionsNotesOutsideTheRepositoryOrAMachinePath() {
    List<String> found = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = lines(page);
      for (int i = 0; i < lines.size(); i++) {
        if (OUTSIDE.matcher(lines.get(i)).find()) {
          found.add(RepoFiles.root().relativize(page) + ":" + (i + 1) + ": " + lines.get(i));
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void everyRelativeLinkLeadsToAFileOfTheRepository() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      Matcher m = LINK.matcher(String.join("\n", lines(page)));
      while (m.find()) {
        String target = m.group(1);
        if (target.contains("://") || target.startsWith("mailto:")) {
          continue;
        }
        if (!Files.exists(page.getParent().resolve(target).normalize())) {
          broken.add(RepoFiles.root().relativize(page) + " -> " + target);
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** Every Markdown page of the repository: READMEs, docs, benchmark results. */
  private static List<Path> pages() {
    Path root = RepoFiles.root();
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !generatedOrFetched(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Build output, installed packages and git's own files are not the repository's pages. */
  private static boolean generatedOrFetched(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> lines(Path page) {
    try {
      return Files.readAllLines(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
