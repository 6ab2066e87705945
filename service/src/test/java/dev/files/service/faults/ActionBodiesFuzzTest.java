package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the body of every action ({@code POST /files/<action>}) against one started service
 * (memory store, local storage, real HTTP): valid bodies with hostile changes, bodies that are not
 * JSON, odd Content-Types, bodies past the limit. Nothing may be a 5xx; every 4xx is the error
 * JSON. The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.tries=N} sets its
 * size.
 */
class ActionBodiesFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int TRIES_PER_ACTION = Integer.getInteger("fuzz.tries", 40);
  private static final String MD5 = "0123456789abcdef0123456789abcdef";

  private static FilesServer server;
  private static HttpClient client;
  private static String uploadId;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = Files.createTempDirectory("files-fuzz");
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", dataDir.toString(),
                        "FILES_AUTH_ADMINS", "root",
                        "FILES_RECONCILE_INTERVAL", "0"))));
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> seeded =
        post("/files/upload", "application/json", Hostile.encode(upload()));
    assertEquals(200, seeded.statusCode(), seeded.body());
    uploadId = new JsonObject(seeded.body()).getString("uploadId");
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static JsonObject upload() {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("contentLength", 12)
            .put("md5Hash", MD5)
            .put("originalName", "a.txt");
    return new JsonObject()
        .put("username", "ann")
        .put("resumable", false)
        .put("files", new JsonArray().add(part))
        .put("meta", new JsonObject().put("name", "n").put("tags", new JsonArray().add("t")))
        .put("access", new JsonObject().put("setPublic", false))
        .put("expires", 60);
  }

  /** A valid body of every action, the starting point of the mutations. */
  private static Map<String, JsonObject> validBodies(String id) {
    Map<String, JsonObject> bodies = new LinkedHashMap<>();
    JsonObject owned = new JsonObject().put("uploadId", id).put("username", "ann");
    bodies.put("upload", upload());
    bodies.put(
        "finish",
        new JsonObject()
            .put("filename", "owner/" + id + "/x.txt")
            .put("bucket", "files")
            .put("generation", 1)
            .put("contentLength", 12)
            .put("md5Hash", "ASNFZ4mrze8BI0VniavN7w=="));
    bodies.put("process", owned.copy());
    bodies.put("info", owned.copy());
    bodies.put(
        "download", owned.copy().put("types", new JsonArray().add("original")).put("expires", 60));
    bodies.put(
        "list",
        new JsonObject()
            .put("username", "ann")
            .put("owner", "ann")
            .put("filter", new JsonObject().put("name", new JsonObject().put("gte", "a")))
            .put("limit", 10)
            .put("offset", 0));
    bodies.put(
        "head", new JsonObject().put("username", "ann").put("aliases", new JsonArray().add("a")));
    bodies.put("report", new JsonObject().put("username", "root").put("owner", "ann"));
    bodies.put(
        "update",
        owned
            .copy()
            .put("meta", new JsonObject().put("name", "m").put("c_n", 1))
            .put("version", 1));
    bodies.put("tag/add", owned.copy().put("tags", new JsonArray().add("x")));
    bodies.put("tag/remove", owned.copy().put("tags", new JsonArray().add("x")));
    bodies.put("access", owned.copy().put("setPublic", true));
    bodies.put("remove", owned.copy().put("softDelete", true));
    bodies.put("restore", owned.copy());
    bodies.put("sync", new JsonObject().put("username", "root"));
    return bodies;
  }

  @Test
  void noActionBodyIsA5xxAndEvery4xxIsTheErrorJson() throws Exception {
    Hostile hostile = new Hostile(SEED);
    FuzzTally tally = new FuzzTally("action bodies", SEED);
    for (int i = 0; i < TRIES_PER_ACTION; i++) {
      String id = hostile.chance(70) ? uploadId : UUID.randomUUID().toString();
      for (Map.Entry<String, JsonObject> action : validBodies(id).entrySet()) {
        sendOne(hostile, tally, "/files/" + action.getKey(), action.getValue());
      }
    }
    System.out.println("[fuzz] " + tally.summary());
    assertTrue(tally.cases() >= TRIES_PER_ACTION * 15, tally::summary);
    assertTrue(tally.clean(), tally::problems);
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), "the service survived: " + health.body());
  }

  private static void sendOne(Hostile hostile, FuzzTally tally, String path, JsonObject valid)
      throws Exception {
    String contentType = hostile.chance(60) ? "application/json" : hostile.contentType();
    int kind = hostile.below(10);
    byte[] body =
        kind < 6
            ? Hostile.encode(hostile.mutate(valid))
            : kind < 9 ? hostile.brokenJson(valid) : Hostile.encode(valid);
    byte[] sent = hostile.chance(2) ? oversized() : body;
    HttpResponse<String> reply = post(path, contentType, sent);
    tally.record(
        FuzzTally.describe("POST", path, contentType, sent),
        reply.statusCode(),
        reply.headers().firstValue("content-type").orElse(null),
        reply.body(),
        true);
  }

  /** A body past the 1 MiB limit (whose 413 comes after the service read and dropped it). */
  private static byte[] oversized() {
    return ("{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes();
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
