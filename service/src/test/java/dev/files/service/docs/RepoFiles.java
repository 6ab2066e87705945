package dev.files.service.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files of the repository from a module's test run (whose working directory is the module).
 */
final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: the nearest directory up from here holding {@code docs/openapi.yaml}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/openapi.yaml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no docs/openapi.yaml above " + dir);
  }
}
