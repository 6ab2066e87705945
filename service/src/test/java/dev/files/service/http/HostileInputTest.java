package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.LogCapture;
import dev.files.service.RawHttp;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the tester of issue 11 sent, over real HTTP to the real actions (memory store, local
 * storage): form Content-Types, integers past 2^64, malformed percent-escapes, wrong methods on
 * storage URLs. Every answer is the error JSON whose status is the HTTP status, and none of them
 * logs an ERROR.
 */
class HostileInputTest {
  private static final String MD5 = "0123456789abcdef0123456789abcdef";
  private static FilesServer server;
  private static RawHttp raw;
  private static LogCapture log;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = Files.createTempDirectory("files-hostile");
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", dataDir.toString(), "FILES_RECONCILE_INTERVAL", "0"))));
    raw = new RawHttp(server.config().httpHost(), server.port());
    log = new LogCapture();
  }

  @BeforeEach
  void forgetEarlierLogs() {
    log.clear();
  }

  @AfterAll
  static void stop() {
    log.close();
    TestServers.stop(server);
  }

  private static RawHttp.Reply post(String path, String body, String contentType) {
    return raw.send("POST", path, body, "Content-Type", contentType);
  }

  /** The error JSON with the code, its status equal to the HTTP status. */
  private static void assertError(RawHttp.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.body());
    assertTrue(
        reply.header("content-type").startsWith("application/json"), reply.headers()::toString);
    JsonObject error = reply.error();
    assertEquals(status, error.getInteger("status"), reply.body());
    assertEquals(code, error.getString("code"), reply.body());
  }

  private static void assertNoErrorLogged() {
    List<String> errors = log.errors();
    assertTrue(errors.isEmpty(), () -> "logged at ERROR: " + errors);
  }

  private static String list() {
    return new JsonObject().put("username", "ann").put("owner", "ann").encode();
  }

  @Test
  void formContentTypesAreReadAsJsonWhateverTheirLength() {
    String padded = list() + " ".repeat(4000);
    for (String type :
        List.of(
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json")) {
      RawHttp.Reply reply = post("/files/list", padded, type);
      assertEquals(200, reply.status(), type + ": " + reply.body());
      assertEquals(0, reply.json().getInteger("total"), reply.body());
    }
    assertNoErrorLogged();
  }

  @Test
  void aFormBodyThatIsNotJsonIsAValidationError() {
    String form = "username=ann&owner=" + "a".repeat(2000);
    assertError(post("/files/list", form, "application/x-www-form-urlencoded"), 400, "validation");
    String multipart =
        "--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n"
            + "a".repeat(2000)
            + "\r\n--xyz--\r\n";
    assertError(
        post("/files/list", multipart, "multipart/form-data; boundary=xyz"), 400, "validation");
    assertNoErrorLogged();
  }

  private static JsonObject upload(Object contentLength) {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("md5Hash", MD5)
            .put("contentLength", contentLength);
    return new JsonObject()
        .put("username", "ann")
        .put("resumable", false)
        .put("files", new JsonArray().add(part))
        .put("meta", new JsonObject().put("name", "n"));
  }

  @Test
  void integersOutOfRangeAreRefusedNotWrapped() {
    for (String number :
        List.of(
            "18446744073709551617", // 2^64 + 1: longValue() would make it 1
            "18446744073709551616",
            "9223372036854775808",
            "-18446744073709551615",
            "1e400",
            "1.5",
            "-1")) {
      String body =
          upload(1).encode().replace("\"contentLength\":1", "\"contentLength\":" + number);
      RawHttp.Reply reply = post("/files/upload", body, "application/json");
      assertError(reply, 400, "validation");
      assertTrue(reply.body().contains("contentLength"), number + ": " + reply.body());
    }
    String expires =
        upload(1)
            .put("expires", 1)
            .encode()
            .replace("\"expires\":1", "\"expires\":18446744073709551617");
    assertError(post("/files/upload", expires, "application/json"), 400, "validation");
    String limit = "{\"username\":\"ann\",\"limit\":18446744073709551617}";
    assertError(post("/files/list", limit, "application/json"), 400, "validation");
    assertEquals(200, post("/files/upload", upload(1).encode(), "application/json").status());
    assertNoErrorLogged();
  }

  @Test
  void malformedPercentEscapesAreTheErrorJsonAndLogNoError() {
    for (String path :
        List.of("/blobs/files/%zz", "/blobs/files/a%2", "/files/info%zz", "/files/%zz", "/%zz")) {
      RawHttp.Reply get = raw.send("GET", path, "");
      assertEquals(get.status(), get.error().getInteger("status"), path + ": " + get.body());
      assertTrue(get.status() == 400 || get.status() == 404, path + ": " + get.body());
      RawHttp.Reply post = post(path, list(), "application/json");
      assertEquals(post.status(), post.error().getInteger("status"), path + ": " + post.body());
      assertTrue(post.status() == 400 || post.status() == 404, path + ": " + post.body());
    }
    assertNoErrorLogged();
  }

  @Test
  void aMalformedQueryStringIsAValidationError() {
    assertError(raw.send("GET", "/blobs/files/some/object?sig=%zz", ""), 400, "validation");
    assertError(raw.send("PUT", "/blobs/files/some/object?%zz=1", "x"), 400, "validation");
    assertNoErrorLogged();
  }

  @Test
  void aDispositionThatWouldSplitTheResponseHeadersIsAValidationError() {
    String injected = "?response-content-disposition=a%0d%0aSet-Cookie:%20x=1";
    for (String method : List.of("GET", "HEAD")) {
      RawHttp.Reply reply = raw.send(method, "/blobs/files/some/object" + injected, "");
      assertEquals(400, reply.status(), reply.body());
      assertEquals(null, reply.header("set-cookie"), reply.headers()::toString);
    }
    assertError(raw.send("GET", "/blobs/files/some/object" + injected, ""), 400, "validation");
    assertNoErrorLogged();
  }

  @Test
  void anObjectNameSegmentLongerThanAFileNameIsAValidationError() {
    assertError(raw.send("GET", "/blobs/files/" + "a".repeat(300) + "/x", ""), 400, "validation");
    assertNoErrorLogged();
  }

  @Test
  void requestsThatAreNotValidHttpGetTheErrorJson() {
    assertError(raw.send("GET", "/blobs/files/" + "a".repeat(10_000), ""), 413, "too-large");
    assertError(raw.send("GET", "/files/a b", ""), 400, "validation");
    assertNoErrorLogged();
  }

  @Test
  void aMethodAStoragePathDoesNotServeIsNotFoundWithAllow() {
    for (String method : List.of("DELETE", "POST", "PATCH")) {
      RawHttp.Reply reply = raw.send(method, "/blobs/files/some/object", "x");
      assertError(reply, 404, "not-found");
      assertTrue(reply.header("allow").contains("GET"), reply.headers()::toString);
    }
    RawHttp.Reply session =
        raw.send("POST", "/blobs/upload/0b5c8e7e-0a7d-4c1e-9a55-2f8f0d6b1c11", "");
    assertEquals(session.status(), session.error().getInteger("status"), session.body());
    assertError(raw.send("GET", "/files/info", ""), 404, "not-found");
    assertNoErrorLogged();
  }
}
