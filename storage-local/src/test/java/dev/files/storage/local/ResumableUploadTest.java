package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.BUCKET;
import static dev.files.storage.local.BlobFixture.ORIGIN;
import static dev.files.storage.local.BlobFixture.bytes;
import static dev.files.storage.local.BlobFixture.md5;
import static dev.files.storage.local.BlobFixture.upload;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.storage.local.BlobFixture.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableUploadTest {
  private static final int CHUNK = 256 * 1024;

  @TempDir static Path dataDir;
  static BlobFixture fx;

  @BeforeAll
  static void start() {
    fx = BlobFixture.start(dataDir);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void wholeBodyInOnePut() throws Exception {
    byte[] data = bytes(300_000, 11);
    String object = "o/r1/whole.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, true)));
    assertTrue(target.resumable());
    assertTrue(target.location().contains("/blobs/upload/"), target.location());

    Response r = put(target.location(), Map.of("Content-Type", "image/png"), data);

    assertEquals(200, r.status(), r.body().toString());
    assertEquals(md5(data), r.json().getString("md5Hash"));
    assertStored(object, data);
    assertEquals(1, fx.awaitEvents(object, 1).size());
  }

  @Test
  void threeChunksWith308AndAStatusQuery() throws Exception {
    byte[] data = bytes(2 * CHUNK + 1234, 12);
    String object = "o/r2/chunks.png";
    String url = await(fx.storage.signUpload(upload(object, data, true))).location();
    int total = data.length;

    Response query = status(url, total);
    assertEquals(308, query.status());
    assertNull(query.headers().get("Range"));

    Response first = chunk(url, data, 0, CHUNK);
    assertEquals(308, first.status());
    assertEquals("bytes=0-" + (CHUNK - 1), first.headers().get("Range"));

    Response second = chunk(url, data, CHUNK, 2 * CHUNK);
    assertEquals(308, second.status());
    assertEquals("bytes=0-" + (2 * CHUNK - 1), second.headers().get("Range"));

    Response again = status(url, total);
    assertEquals(308, again.status());
    assertEquals("bytes=0-" + (2 * CHUNK - 1), again.headers().get("Range"));
    assertTrue(fx.eventsFor(object).isEmpty());
    assertThrows(FileError.class, () -> await(fx.storage.stat(BUCKET, object)));

    Response last = chunk(url, data, 2 * CHUNK, total);
    assertEquals(200, last.status(), last.body().toString());
    assertEquals(Integer.toString(total), last.json().getString("size"));
    assertStored(object, data);

    Response done = status(url, total);
    assertEquals(200, done.status());
    assertEquals(last.json(), done.json());

    List<JsonObject> events = fx.awaitEvents(object, 1);
    assertEquals(1, events.size(), events.toString());
    ObjectStat stat = await(fx.storage.stat(BUCKET, object));
    assertEquals(stat.generation(), events.get(0).getLong("generation"));
    assertEquals(total, events.get(0).getLong("contentLength"));
    assertEquals(md5(data), events.get(0).getString("md5Hash"));
  }

  @Test
  void aChunkAtTheWrongOffsetIsToldTheRealOne() throws Exception {
    byte[] data = bytes(3 * 1000, 13);
    String object = "o/r3/offsets.png";
    String url = await(fx.storage.signUpload(upload(object, data, true))).location();
    assertEquals(308, chunk(url, data, 0, 1000).status());

    Response ahead = chunk(url, data, 2000, 3000);
    assertEquals(308, ahead.status());
    assertEquals("bytes=0-999", ahead.headers().get("Range"));
    Response behind = chunk(url, data, 0, 1000);
    assertEquals(308, behind.status());
    assertEquals("bytes=0-999", behind.headers().get("Range"));

    assertEquals(308, chunk(url, data, 1000, 2000).status());
    assertEquals(200, chunk(url, data, 2000, 3000).status());
    assertStored(object, data);
  }

  @Test
  void digestsSurviveARestartOfTheStorage() throws Exception {
    byte[] data = bytes(3000, 14);
    String object = "o/r4/restart.png";
    String url = await(fx.storage.signUpload(upload(object, data, true))).location();
    assertEquals(308, chunk(url, data, 0, 1500).status());

    // A second storage on the same directory has no digests in memory: it recomputes them.
    try (BlobFixture other = BlobFixture.start(dataDir)) {
      String sameSession = url.replaceFirst("http://127.0.0.1:\\d+", otherBase(other));
      Response last =
          other.send(
              HttpMethod.PUT,
              sameSession,
              Map.of("Content-Range", "bytes 1500-2999/3000"),
              Buffer.buffer(Arrays.copyOfRange(data, 1500, 3000)));
      assertEquals(200, last.status(), last.body().toString());
      assertEquals(md5(data), last.json().getString("md5Hash"));
    }
  }

  @Test
  void aCompletionTheProcessDiedBeforeRecordingIsRecordedAtTheNextRequest() throws Exception {
    byte[] data = bytes(2 * CHUNK, 16);
    String object = "o/r9/killed.png";
    String url = await(fx.storage.signUpload(upload(object, data, true))).location();
    assertEquals(308, chunk(url, data, 0, CHUNK).status());
    Path sessionFile =
        dataDir
            .resolve("blobs/.sessions")
            .resolve(url.replaceAll(".*/upload/([^?]+).*", "$1.json"));
    String beforeLastChunk = Files.readString(sessionFile);
    Response last = chunk(url, data, CHUNK, data.length);
    assertEquals(200, last.status(), last.body().toString());
    fx.awaitEvents(object, 1);
    // What a SIGKILL between the commit (the object renamed into place) and the session's record
    // leaves behind: the object, and the session as it was before its last chunk.
    Files.writeString(sessionFile, beforeLastChunk);

    Response query = status(url, data.length);
    assertEquals(200, query.status(), query.body().toString());
    assertEquals(last.json(), query.json());
    Response repeated = chunk(url, data, CHUNK, data.length);
    assertEquals(200, repeated.status(), repeated.body().toString());
    assertEquals(last.json(), repeated.json());
    assertStored(object, data);
    // The finalize event is raised again: the killed process may not have raised it.
    assertEquals(2, fx.awaitEvents(object, 2).size());
  }

  @Test
  void aWrongMd5FailsTheUploadAndStoresNothing() throws Exception {
    byte[] data = bytes(2000, 15);
    byte[] declared = bytes(2000, 16);
    String object = "o/r5/bad.png";
    String url = await(fx.storage.signUpload(upload(object, declared, true))).location();
    assertEquals(308, chunk(url, data, 0, 1000).status());

    Response last = chunk(url, data, 1000, 2000);

    assertEquals(400, last.status());
    assertEquals("BadDigest", last.errorReason());
    assertEquals(404, status(url, 2000).status());
    FileError e = assertThrows(FileError.class, () -> await(fx.storage.stat(BUCKET, object)));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertFalse(Files.exists(dataDir.resolve("blobs/files").resolve(object)));
    Thread.sleep(100);
    assertTrue(fx.eventsFor(object).isEmpty());
  }

  @Test
  void malformedOrInconsistentRangesAreRejected() {
    byte[] data = bytes(1000, 17);
    String url = await(fx.storage.signUpload(upload("o/r6/x.png", data, true))).location();
    assertEquals(
        400,
        fx.send(
                HttpMethod.PUT,
                url,
                Map.of("Content-Range", "bytes 0-99/2000"),
                slice(data, 0, 100))
            .status());
    assertEquals(
        400,
        fx.send(HttpMethod.PUT, url, Map.of("Content-Range", "bytes 0-99/1000"), slice(data, 0, 50))
            .status());
    assertEquals(
        400,
        fx.send(HttpMethod.PUT, url, Map.of("Content-Range", "bytes=0-99"), slice(data, 0, 100))
            .status());
    assertEquals(400, put(url, Map.of(), Arrays.copyOf(data, 999)).status());
    assertEquals(308, status(url, 1000).status());
    assertEquals(200, put(url, Map.of(), data).status());
  }

  @Test
  void cancelDeletesTheSession() {
    byte[] data = bytes(1000, 18);
    String object = "o/r7/cancel.png";
    String url = await(fx.storage.signUpload(upload(object, data, true))).location();
    assertEquals(308, chunk(url, data, 0, 500).status());

    assertEquals(499, fx.send(HttpMethod.DELETE, url, Map.of(), null).status());

    assertEquals(404, status(url, 1000).status());
    assertEquals(404, chunk(url, data, 500, 1000).status());
  }

  @Test
  void sessionUrlsNeedTheirSignature() {
    byte[] data = bytes(100, 19);
    String url = await(fx.storage.signUpload(upload("o/r8/sig.png", data, true))).location();
    String tampered = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
    assertEquals(403, put(tampered, Map.of(), data).status());
    assertEquals(403, fx.send(HttpMethod.DELETE, tampered, Map.of(), null).status());
    String unknown = url.replaceFirst("/upload/[^?]+", "/upload/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertEquals(403, put(unknown, Map.of(), data).status());
  }

  @Test
  void aSessionNotStartedBeforeItsExpiryIsGone() throws Exception {
    byte[] data = bytes(100, 20);
    UploadRequest req =
        new UploadRequest(
            BUCKET, "o/r9/late.png", "image/png", 100, md5(data), true, 1, null, false);
    String url = await(fx.storage.signUpload(req)).location();
    fx.clock.advance(Duration.ofMillis(2100));
    assertEquals(404, put(url, Map.of(), data).status());
    assertTrue(await(fx.storage.purgeExpiredSessions()) >= 1);
  }

  @Test
  void theSessionOriginGetsCorsHeaders() {
    byte[] data = bytes(100, 21);
    UploadRequest req =
        new UploadRequest(
            BUCKET,
            "o/r10/cors.png",
            "image/png",
            100,
            md5(data),
            true,
            60,
            "https://other.example",
            false);
    String url = await(fx.storage.signUpload(req)).location();

    Response preflight =
        fx.send(
            HttpMethod.OPTIONS,
            url,
            Map.of(
                "Origin", "https://other.example",
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-range"),
            null);
    assertEquals(200, preflight.status());
    assertEquals("https://other.example", preflight.headers().get("Access-Control-Allow-Origin"));
    assertTrue(preflight.headers().get("Access-Control-Allow-Methods").contains("PUT"));

    Response stranger =
        fx.send(
            HttpMethod.OPTIONS,
            url,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "PUT"),
            null);
    assertEquals(403, stranger.status());
    assertNull(stranger.headers().get("Access-Control-Allow-Origin"));

    Response r = put(url, Map.of("Origin", "https://other.example"), data);
    assertEquals(200, r.status());
    assertEquals("https://other.example", r.headers().get("Access-Control-Allow-Origin"));
    assertTrue(r.headers().get("Access-Control-Expose-Headers").contains("Range"));
    // The configured origin is allowed everywhere.
    Response configured = status(url, 100, ORIGIN);
    assertEquals(ORIGIN, configured.headers().get("Access-Control-Allow-Origin"));
  }

  private static String otherBase(BlobFixture other) {
    return other.storage.options().publicBaseUrl();
  }

  private static void assertStored(String object, byte[] data) throws Exception {
    ObjectStat stat = await(fx.storage.stat(BUCKET, object));
    assertEquals(data.length, stat.size());
    assertEquals(md5(data), stat.md5Base64());
    assertArrayEquals(data, Files.readAllBytes(dataDir.resolve("blobs/files").resolve(object)));
  }

  private static Response put(String url, Map<String, String> headers, byte[] body) {
    return fx.send(HttpMethod.PUT, url, headers, Buffer.buffer(body));
  }

  private static Response chunk(String url, byte[] data, int from, int to) {
    return fx.send(
        HttpMethod.PUT,
        url,
        Map.of("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length),
        slice(data, from, to));
  }

  private static Response status(String url, int total) {
    return status(url, total, null);
  }

  private static Response status(String url, int total, String origin) {
    Map<String, String> headers =
        origin == null
            ? Map.of("Content-Range", "bytes */" + total)
            : Map.of("Content-Range", "bytes */" + total, "Origin", origin);
    return fx.send(HttpMethod.PUT, url, headers, Buffer.buffer());
  }

  private static Buffer slice(byte[] data, int from, int to) {
    return Buffer.buffer(Arrays.copyOfRange(data, from, to));
  }
}
