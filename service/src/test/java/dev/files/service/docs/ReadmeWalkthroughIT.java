package dev.files.service.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's curl walk-through, extracted from README.md and run with bash against the built jar
 * ({@code service/target/files.jar}, started on a free port), so the walk-through cannot rot. Runs
 * in the integration-test phase, after the jar is packaged; needs curl and jq ({@code
 * scripts/prereqs/jq.sh}).
 */
class ReadmeWalkthroughIT {
  private static final String SECTION = "## A whole upload with curl";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Process service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.destroy();
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theCurlWalkThroughWorksAsWritten() throws Exception {
    int port = FreePorts.next();
    startJar(port);
    String script = walkThrough().replace("localhost:8080", "localhost:" + port);
    Path work = Files.createDirectories(dir.resolve("walk"));
    Files.writeString(work.resolve("walk.sh"), script);
    Tools.Run run =
        Tools.run(work, 180, "scripts/prereqs/jq.sh", "bash", "-eu", "-o", "pipefail", "walk.sh");
    assertEquals(0, run.exitCode(), run.output());
    String out = run.output();
    assertTrue(out.lines().anyMatch(l -> l.equals("200")), "the PUT answered 200:\n" + out);
    assertTrue(out.contains("\"status\": \"processed\""), out);
    assertTrue(out.contains("downloaded bytes are identical"), out);
    assertTrue(out.contains("\"total\": 1"), out);
  }

  /** The first {@code sh} block of the README's walk-through section. */
  static String walkThrough() throws IOException {
    String readme = Files.readString(RepoFiles.root().resolve("README.md"));
    int section = readme.indexOf("\n" + SECTION + "\n");
    assertTrue(section >= 0, "README.md has no section " + SECTION);
    int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
    int end = readme.indexOf("\n```", start);
    return readme.substring(start, end) + "\n";
  }

  private void startJar(int port) throws Exception {
    Path jar = RepoFiles.root().resolve("service/target/files.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: the package phase builds it");
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "serve")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("service.log").toFile());
    pb.environment().put("FILES_HTTP_PORT", String.valueOf(port));
    pb.environment().put("FILES_DATA_DIR", dir.resolve("data").toString());
    service = pb.start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw new AssertionError("the jar exited: " + Files.readString(dir.resolve("service.log")));
      }
      try {
        HttpResponse<String> health =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // the jar is still starting: poll again
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "not healthy in " + START_TIMEOUT + ": " + Files.readString(dir.resolve("service.log")));
  }
}
