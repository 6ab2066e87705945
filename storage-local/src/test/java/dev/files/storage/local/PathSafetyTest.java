package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.BUCKET;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathSafetyTest {
  @TempDir static Path dataDir;
  static BlobFixture fx;
  static Path secret;

  @BeforeAll
  static void start() throws IOException {
    fx = BlobFixture.start(dataDir);
    secret = dataDir.resolve("outside.txt");
    Files.writeString(secret, "do not serve");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void namesThatCouldEscapeAreRejected() {
    for (String bad :
        List.of(
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "a/./b",
            "a/",
            "a\\..\\b",
            "a\u0000b",
            "a\nb",
            "..",
            ".",
            "")) {
      FileError e = assertThrows(FileError.class, () -> BlobNames.checkObject(bad), bad);
      assertEquals(ErrorCode.VALIDATION, e.code());
      assertThrows(FileError.class, () -> BlobNames.resolve(dataDir, BUCKET, bad), bad);
    }
    for (String bad : List.of("..", ".meta", "a", "UP", "upload", "a/b", "a..b", "-ab")) {
      assertThrows(FileError.class, () -> BlobNames.checkBucket(bad), bad);
    }
    BlobNames.checkObject("owner/0a1b/é ü+x.tar.gz");
    assertTrue(BlobNames.resolve(dataDir, BUCKET, "a/b..c/d").startsWith(dataDir.resolve(BUCKET)));
  }

  @Test
  void storageApiRejectsEscapingNames() {
    for (String bad : List.of("../outside.txt", "../../outside.txt", "a/../../../outside.txt")) {
      assertThrows(FileError.class, () -> await(fx.storage.stat(BUCKET, bad)));
      assertThrows(FileError.class, () -> await(fx.storage.read(BUCKET, bad, 0, 10)));
      assertThrows(FileError.class, () -> await(fx.storage.delete(BUCKET, bad, null)));
      assertThrows(FileError.class, () -> await(fx.storage.signDownload(BUCKET, bad, 60, null)));
    }
    assertTrue(Files.exists(secret));
  }

  @Test
  void traversalOverHttpIsRefused() throws IOException {
    int port = port();
    for (String path :
        List.of(
            "/blobs/files/..%2F..%2Foutside.txt",
            "/blobs/files/%2e%2e/%2e%2e/outside.txt",
            "/blobs/files/../../outside.txt",
            "/blobs/..%2F/outside.txt",
            "/blobs/files/a%5C..%5C..%5Coutside.txt",
            "/blobs/files/a%00b",
            "/blobs/files/%2Fetc%2Fpasswd",
            "/blobs/%2e%2e/outside.txt")) {
      for (String method : List.of("GET", "PUT")) {
        String status = rawRequest(port, method, path);
        assertTrue(
            status.startsWith("HTTP/1.1 400") || status.startsWith("HTTP/1.1 404"),
            method + " " + path + " -> " + status);
      }
    }
    assertEquals("do not serve", Files.readString(secret));
    try (var files = Files.list(dataDir)) {
      assertEquals(
          List.of("blob-signing.key", "blobs", "outside.txt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void secretFileIsPrivateAndReused() throws Exception {
    Path key = dataDir.resolve(LocalBlobOptions.SECRET_FILE_NAME);
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    // A second storage on the same data dir signs with the same secret: its URL passes the
    // first one's check (404: signature fine, no such object) instead of failing it (403).
    try (BlobFixture other = BlobFixture.start(dataDir)) {
      String url = await(other.storage.signDownload(BUCKET, "x/y.png", 60, null));
      String here = fx.storage.options().publicBaseUrl() + strip(url);
      assertEquals(404, fx.get(here, Map.of()).status());
      assertEquals(403, fx.get(here.replace("sig=", "sig=0"), Map.of()).status());
    }
    assertFalse(Files.readString(key).isBlank());
  }

  @Test
  void uploadToAnEscapingNameCannotBeSigned() {
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        FileError.class,
        () -> await(fx.storage.signUpload(BlobFixture.upload("../../outside.txt", data, false))));
    // A PUT with a made-up signature is refused before anything is written.
    String url = fx.storage.directUrl(BUCKET, "evil.txt") + "?expires=9999999999&sig=00";
    assertEquals(
        403,
        fx.send(HttpMethod.PUT, url, Map.of("Content-Type", "text/plain"), Buffer.buffer(data))
            .status());
  }

  private static String strip(String url) {
    return url.replaceFirst("http://127.0.0.1:\\d+", "");
  }

  private static int port() {
    String base = fx.storage.options().publicBaseUrl();
    return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }

  /** Sends the path exactly as written (an HTTP client would normalize it). */
  private static String rawRequest(int port, String method, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String body = method.equals("PUT") ? "x" : "";
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
              + body.length()
              + "\r\nConnection: close\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      byte[] response = socket.getInputStream().readAllBytes();
      String text = new String(response, StandardCharsets.ISO_8859_1);
      return text.substring(0, Math.max(0, text.indexOf("\r\n")));
    }
  }
}
