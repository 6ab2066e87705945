package dev.files.service.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code redocly lint} (npm {@code @redocly/cli}, pinned in tools/redocly) passes on openapi.yaml.
 */
class OpenApiLintIT {
  private static final String INSTALLER = "scripts/prereqs/redocly.sh";

  @Test
  void redoclyLintPasses() {
    Path root = RepoFiles.root();
    Path redocly = root.resolve("tools/redocly/node_modules/.bin/redocly");
    assertTrue(Files.isExecutable(redocly), redocly + " is missing: run " + INSTALLER);
    Tools.Run lint =
        Tools.run(
            root,
            120,
            INSTALLER,
            redocly.toString(),
            "lint",
            "--config",
            "tools/redocly/redocly.yaml",
            "docs/openapi.yaml");
    assertEquals(0, lint.exitCode(), lint.output());
    assertTrue(lint.output().contains("is valid"), lint.output());
  }
}
