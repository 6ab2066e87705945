package dev.files.service.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code files syncer follow} (the jar's main, as a child JVM on this test's classpath, against a
 * real redis-server and pouchdb-server) logs in {@code log.format} as {@code files serve} does.
 */
class SyncerLogFormatIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void theSyncerCommandLineLogsJsonLinesWhenAsked() throws Exception {
    RedisTestServer redis = RedisTestServer.shared();
    CouchDbTestServer couch = CouchDbTestServer.shared();
    Path dir = Files.createTempDirectory("files-syncer-log");
    Path out = dir.resolve("stdout.log");
    Path err = dir.resolve("stderr.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.files.service.Main",
                "syncer",
                "follow")
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("FILES_"));
    builder.environment().put("FILES_LOG_FORMAT", "json");
    builder.environment().put("FILES_STORE_REDIS_URL", redis.url());
    builder.environment().put("FILES_STORE_REDIS_PREFIX", redis.uniquePrefix());
    builder.environment().put("FILES_STORE_COUCHDB_URL", couch.url());
    builder.environment().put("FILES_STORE_COUCHDB_DATABASE", couch.freshDatabase());
    Process syncer = builder.start();
    try {
      JsonObject started = awaitLine(syncer, out, err, "syncer follow: group=");
      assertEquals("INFO", started.getString("level"));
      assertTrue(started.getString("loggerName").startsWith("dev.files.syncer"), started.encode());
      List<String> lines = read(out).lines().filter(l -> !l.isBlank()).toList();
      for (String line : lines) {
        assertTrue(isJson(line), "every line is a JSON object: " + line);
      }
    } finally {
      syncer.destroy();
      if (!syncer.waitFor(20, TimeUnit.SECONDS)) {
        syncer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The first stdout line (a JSON object) whose message contains {@code text}. */
  private static JsonObject awaitLine(Process process, Path out, Path err, String text)
      throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : read(out).lines().toList()) {
        if (line.contains(text)) {
          assertTrue(isJson(line), "the line is JSON: " + line);
          return new JsonObject(line);
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the syncer ended with " + process.exitValue() + ": " + read(out) + read(err));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no line with '" + text + "' within " + START_TIMEOUT + ": " + read(err));
  }

  private static boolean isJson(String line) {
    try {
      new JsonObject(line);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
