package dev.files.service.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool the build depends on; a missing tool fails, naming its installer. */
final class Tools {
  private Tools() {}

  /** The outcome of a run: exit code and the combined output. */
  record Run(int exitCode, String output) {}

  static Run run(Path workDir, long timeoutSeconds, String installer, String... command) {
    Path log;
    try {
      log = Files.createTempFile("tool", ".log");
      log.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command[0] + " did not finish in " + timeoutSeconds + " s");
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + command[0] + " (" + e.getMessage() + "): run " + installer, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
