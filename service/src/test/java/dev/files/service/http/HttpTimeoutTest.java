package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.LogCapture;
import dev.files.service.RawHttp;
import dev.files.service.TestServers;
import dev.files.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * http.idleTimeout and http.bodyTimeout over real sockets: a silent connection and a body that
 * stops are closed, a slow but steady body is not, and an abandoned PUT to local storage leaves no
 * temporary file and its record pending.
 */
class HttpTimeoutTest {
  private static final long BODY_TIMEOUT_MS = 1_500;

  /** Far above the timeouts: only a server that never closes fails the tests. */
  private static final long GENEROUS_MS = 25_000;

  private static Path dataDir;
  private static FilesServer server;
  private static RawHttp raw;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("files-timeouts");
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR",
                        dataDir.toString(),
                        "FILES_RECONCILE_INTERVAL",
                        "0",
                        "FILES_HTTP_IDLETIMEOUT",
                        "6s",
                        "FILES_HTTP_BODYTIMEOUT",
                        BODY_TIMEOUT_MS + "ms"))));
    raw = new RawHttp(server.config().httpHost(), server.port());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  /** Waits until the server closes the connection; fails if it answers or never closes. */
  private static long millisUntilClosed(Socket socket) throws IOException {
    long started = System.nanoTime();
    InputStream in = socket.getInputStream();
    try {
      int read = in.read();
      assertEquals(-1, read, "the server answered instead of closing the connection");
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server held the connection for 30 s", e);
    } catch (SocketException reset) {
      // closed with a reset: closed all the same
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws Exception {
    try (Socket socket = raw.open()) {
      long millis = millisUntilClosed(socket);
      assertTrue(millis < GENEROUS_MS, "closed after " + millis + " ms");
    }
  }

  @Test
  void anActionBodyThatStopsIsClosed() throws Exception {
    try (LogCapture log = new LogCapture();
        Socket socket = raw.open()) {
      OutputStream out = socket.getOutputStream();
      out.write(raw.head("POST", "/files/list", 100, "Content-Type", "application/json"));
      out.write("{\"username".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long millis = millisUntilClosed(socket);
      assertTrue(millis < GENEROUS_MS, "closed after " + millis + " ms");
      assertClosedByTheBodyTimeout(log);
    }
  }

  /** The body watch, not the idle timeout (longer here), closed it, and nothing was an ERROR. */
  private static void assertClosedByTheBodyTimeout(LogCapture log) throws InterruptedException {
    eventually(
        () -> log.messages().stream().anyMatch(m -> m.contains("no request body bytes")),
        () -> "no body timeout in " + log.messages());
    assertTrue(log.errors().isEmpty(), () -> "logged at ERROR: " + log.errors());
  }

  @Test
  void aSlowButSteadyBodyIsServed() throws Exception {
    byte[] body = new JsonObject().put("username", "ann").put("owner", "ann").encode().getBytes();
    int chunks = 15;
    long gapMs = 200; // 15 x 200 ms = 3 s in all, twice the body timeout
    try (Socket socket = raw.open()) {
      OutputStream out = socket.getOutputStream();
      out.write(raw.head("POST", "/files/list", body.length, "Content-Type", "application/json"));
      out.flush();
      int step = (body.length + chunks - 1) / chunks;
      for (int at = 0; at < body.length; at += step) {
        Thread.sleep(gapMs);
        out.write(body, at, Math.min(step, body.length - at));
        out.flush();
      }
      RawHttp.Reply reply = RawHttp.read(socket.getInputStream());
      assertEquals(200, reply.status(), reply.body());
    }
  }

  @Test
  void anAbandonedPutLeavesNoTemporaryFileAndTheRecordPending() throws Exception {
    byte[] bytes = new byte[64 * 1024];
    Arrays.fill(bytes, (byte) 'x');
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    JsonObject upload = upload(bytes.length, md5);
    String uploadId = upload.getString("uploadId");
    JsonObject part = upload.getJsonArray("files").getJsonObject(0);
    URI location = URI.create(part.getString("location"));
    JsonObject headers = part.getJsonObject("headers");

    try (LogCapture log = new LogCapture();
        Socket socket = raw.open()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          raw.head(
              "PUT",
              location.getRawPath() + "?" + location.getRawQuery(),
              bytes.length,
              "Content-Type",
              headers.getString("Content-Type"),
              "Content-MD5",
              headers.getString("Content-MD5")));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      long millis = millisUntilClosed(socket);
      assertTrue(millis < GENEROUS_MS, "closed after " + millis + " ms");
      assertClosedByTheBodyTimeout(log);
    }
    Path tmp = dataDir.resolve("blobs").resolve(".tmp");
    eventually(() -> temporaryFiles(tmp).isEmpty(), () -> "left behind: " + temporaryFiles(tmp));
    JsonObject info =
        post("/files/info", new JsonObject().put("username", "ann").put("uploadId", uploadId));
    assertEquals("pending", info.getJsonObject("file").getString("status"), info.encode());
  }

  private static JsonObject upload(long size, String md5) {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "application/octet-stream")
            .put("contentLength", size)
            .put("md5Hash", md5);
    return post(
        "/files/upload",
        new JsonObject()
            .put("username", "ann")
            .put("resumable", false)
            .put("files", new JsonArray().add(part))
            .put("meta", new JsonObject().put("name", "abandoned")));
  }

  private static JsonObject post(String path, JsonObject body) {
    RawHttp.Reply reply = raw.send("POST", path, body.encode(), "Content-Type", "application/json");
    assertEquals(200, reply.status(), path + ": " + reply.body());
    return reply.json();
  }

  private static List<Path> temporaryFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void eventually(
      java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> message)
      throws InterruptedException {
    Eventually.until(Duration.ofMillis(GENEROUS_MS), condition, message);
  }
}
