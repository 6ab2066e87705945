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
 * The repository's pages stand alone: no page points to notes outside the repository or names a
 * path of some machine, and every relative link leads to a file of the repository.
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

  private static List<Path> pages() {
    Path root = RepoFiles.root();
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  private static List<String> lines(Path page) {
    try {
      return Files.readAllLines(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
