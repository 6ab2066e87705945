package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.RawHttp;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the paths, methods, query strings and headers of local storage's {@code /blobs/...} URLs
 * (and wrong methods on {@code /files/...}) over raw sockets, so that malformed escapes and odd
 * methods reach the service as sent, against one started service holding one real object. Nothing
 * may be a 5xx; every 4xx with a body is the error JSON. {@code 416} is exempt: it is the storage
 * protocol's answer to an unsatisfiable Range (as GCS), carrying {@code Content-Range}.
 */
class BlobRoutesFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int TRIES = Integer.getInteger("fuzz.tries", 40) * 10;
  private static final byte[] BYTES = "hello, fuzz\n".getBytes(StandardCharsets.US_ASCII);

  private static FilesServer server;
  private static RawHttp raw;
  private static String objectPath;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = Files.createTempDirectory("files-fuzz-blobs");
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", dataDir.toString(), "FILES_RECONCILE_INTERVAL", "0"))));
    raw = new RawHttp(server.config().httpHost(), server.port());
    objectPath = uploadOneObject();
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  /** files.upload and the signed PUT of its bytes; the object's path under /blobs/. */
  private static String uploadOneObject() throws Exception {
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BYTES));
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("contentLength", BYTES.length)
            .put("md5Hash", md5);
    JsonObject request =
        new JsonObject()
            .put("username", "ann")
            .put("resumable", false)
            .put("files", new JsonArray().add(part))
            .put("meta", new JsonObject().put("name", "fuzzed"))
            .put("access", new JsonObject().put("setPublic", true));
    RawHttp.Reply upload =
        raw.send("POST", "/files/upload", request.encode(), "Content-Type", "application/json");
    assertEquals(200, upload.status(), upload.body());
    JsonObject target = upload.json().getJsonArray("files").getJsonObject(0);
    URI location = URI.create(target.getString("location"));
    JsonObject headers = target.getJsonObject("headers");
    RawHttp.Reply put =
        raw.send(
            "PUT",
            location.getRawPath() + "?" + location.getRawQuery(),
            BYTES,
            "Content-Type",
            headers.getString("Content-Type"),
            "Content-MD5",
            headers.getString("Content-MD5"));
    assertEquals(200, put.status(), put.body());
    return location.getRawPath();
  }

  @Test
  void noStoragePathOrMethodIsA5xxAndEvery4xxIsTheErrorJson() {
    Hostile hostile = new Hostile(SEED);
    FuzzTally tally = new FuzzTally("blob paths and methods", SEED);
    for (int i = 0; i < TRIES; i++) {
      String method =
          hostile.oneOf("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "PROPFIND");
      String target = target(hostile);
      List<String> headers = headers(hostile);
      byte[] body =
          hostile.chance(30) ? hostile.string().getBytes(StandardCharsets.UTF_8) : new byte[0];
      RawHttp.Reply reply = raw.send(method, target, body, headers.toArray(String[]::new));
      boolean expectBody = !method.equals("HEAD") && reply.status() != 416;
      tally.record(
          FuzzTally.describe(method, target, String.join(",", headers), body),
          reply.status(),
          reply.header("content-type"),
          reply.body(),
          expectBody);
    }
    System.out.println("[fuzz] " + tally.summary());
    assertTrue(tally.cases() == TRIES, tally::summary);
    assertTrue(tally.clean(), tally::problems);
    RawHttp.Reply health = raw.send("GET", "/health", "");
    assertEquals(200, health.status(), "the service survived: " + health.body());
  }

  private String target(Hostile hostile) {
    String path =
        switch (hostile.below(8)) {
          case 0 -> objectPath;
          case 1 -> objectPath + segment(hostile);
          case 2 -> "/blobs/upload/" + (hostile.chance(50) ? UUID.randomUUID() : segment(hostile));
          case 3 -> "/blobs/" + segment(hostile) + "/" + segment(hostile);
          case 4 -> hostile.oneOf("/blobs/", "/blobs/files", "/blobs//", "/blobs/files/");
          case 5 -> "/files/" + hostile.oneOf("info", "upload", "tag/add", segment(hostile));
          default -> "/blobs/files/" + segment(hostile) + "/" + segment(hostile);
        };
    return hostile.chance(50) ? path : path + "?" + query(hostile);
  }

  private static String segment(Hostile hostile) {
    return hostile.oneOf(
        "%zz",
        "%",
        "a%2",
        "%00",
        "%2F",
        "%2e%2e",
        "..",
        ".",
        "%F0%9F%98%80",
        "%C3%28",
        "a".repeat(300),
        "b".repeat(5_000),
        "a;b=c",
        "+",
        "%20",
        "x.txt");
  }

  private static String query(Hostile hostile) {
    List<String> parts = new ArrayList<>();
    int count = 1 + hostile.below(4);
    for (int i = 0; i < count; i++) {
      String key = hostile.oneOf("sig", "expires", "public", "response-content-disposition", "%zz");
      String value =
          hostile.oneOf(
              "",
              "%zz",
              "1",
              "-1",
              "99999999999999999999999",
              "18446744073709551617",
              "abc",
              "0".repeat(100),
              "attachment%3B%20filename%3D%22a%22",
              "%0d%0aSet-Cookie:%20x=1");
      parts.add(key + "=" + value);
    }
    return String.join("&", parts);
  }

  private static List<String> headers(Hostile hostile) {
    List<String> headers = new ArrayList<>();
    if (hostile.chance(40)) {
      headers.add("Range");
      headers.add(
          hostile.oneOf(
              "bytes=0-3",
              "bytes=5-1",
              "bytes=-",
              "bytes=-0",
              "bytes=99999999999999999999-",
              "bytes=0-18446744073709551617",
              "bytes=1-2,3-4",
              "items=0-1",
              "bytes=100-"));
    }
    if (hostile.chance(30)) {
      headers.add("Content-Range");
      headers.add(
          hostile.oneOf(
              "bytes 0-3/12",
              "bytes */*",
              "bytes */12",
              "bytes 5-1/12",
              "bytes 0-99999999999999999999/*",
              "garbage"));
    }
    if (hostile.chance(30)) {
      headers.add("Content-MD5");
      headers.add(hostile.oneOf("", "not-base64!", "AAAA", "ASNFZ4mrze8BI0VniavN7w=="));
    }
    if (hostile.chance(30)) {
      headers.add("Origin");
      headers.add(hostile.oneOf("https://evil.example", "null", ""));
    }
    if (hostile.chance(30)) {
      headers.add("Content-Type");
      headers.add(hostile.oneOf("text/plain", "", "a/b/c", "multipart/form-data"));
    }
    return headers;
  }
}
