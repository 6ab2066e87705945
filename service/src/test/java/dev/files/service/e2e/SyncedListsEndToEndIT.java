package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The production layout: Redis takes writes and reads by id, CouchDB serves files.list and
 * files.report, and the syncer verticle inside the service keeps CouchDB in parity. A file's every
 * change reaches the list within the syncer's lag, which the test measures and prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncedListsEndToEndIT {
  private FilesServer server;
  private Http http;

  @BeforeAll
  void startService() throws Exception {
    Path dataDir = Files.createTempDirectory("files-synced");
    RedisTestServer redis = RedisTestServer.shared();
    CouchDbTestServer couch = CouchDbTestServer.shared();
    Map<String, String> env = new HashMap<>();
    env.put("FILES_HTTP_PORT", "0");
    env.put("FILES_DATA_DIR", dataDir.toString());
    env.put("FILES_AUTH_ADMINS", "root");
    env.put("FILES_RECONCILE_INTERVAL", "0");
    env.put("FILES_STORE_PRIMARY", "redis");
    env.put("FILES_STORE_LIST", "couchdb");
    env.put("FILES_STORE_REDIS_URL", redis.url());
    env.put("FILES_STORE_REDIS_PREFIX", redis.uniquePrefix());
    env.put("FILES_STORE_COUCHDB_URL", couch.url());
    env.put("FILES_STORE_COUCHDB_DATABASE", couch.freshDatabase());
    env.put("FILES_STORAGE_TYPE", "local");
    env.put("FILES_SYNCER_ENABLED", "true");
    env.put("FILES_SYNCER_POLLMS", "50");
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stopService() throws Exception {
    TestServers.stop(server);
  }

  @Test
  void everyChangeReachesTheListWithinTheSyncersLag() throws Exception {
    String owner = AbstractEndToEndTest.user();
    byte[] png = AbstractEndToEndTest.png(12, 7);
    JsonObject record =
        ok(
            "/files/upload",
            AbstractEndToEndTest.uploadBody(
                owner,
                new JsonArray()
                    .add(AbstractEndToEndTest.part("original", "image/png", png, "s.png")),
                false,
                AbstractEndToEndTest.meta("synced")));
    String id = record.getString("uploadId");
    assertEquals(
        200, AbstractEndToEndTest.putWhole(record.getJsonArray("files").getJsonObject(0), png));
    AbstractEndToEndTest.awaitCondition(
        () -> "processed".equals(info(owner, id).getString("status")), "processed");

    long created = lagUntil(owner, page -> ids(page).contains(id), "the new file is listed");
    ok(
        "/files/tag/add",
        new JsonObject()
            .put("username", owner)
            .put("uploadId", id)
            .put("tags", new JsonArray().add("synced")));
    long tagged =
        lagUntil(
            owner,
            page -> ids(page).contains(id),
            "the tag is listed",
            new JsonObject().put("tags", new JsonArray().add("synced")));
    JsonObject listed = list(owner, new JsonObject()).getJsonArray("files").getJsonObject(0);
    assertEquals(info(owner, id).getLong("version"), listed.getLong("version"));

    ok("/files/remove", new JsonObject().put("username", owner).put("uploadId", id));
    long removed = lagUntil(owner, page -> !ids(page).contains(id), "the removal is listed");
    JsonObject report = ok("/files/report", new JsonObject().put("username", owner));
    assertEquals(0, report.getLong("total"));

    System.out.printf(
        "syncer lag through the service: create %d ms, tag %d ms, remove %d ms%n",
        created, tagged, removed);
    String metrics = metrics();
    assertTrue(metrics.contains("files_syncer_lag_entries"), "lag is exported");
    assertTrue(metrics.contains("files_syncer_applied_total"), "applied is exported");
  }

  private long lagUntil(String owner, Predicate<JsonObject> listed, String what) {
    return lagUntil(owner, listed, what, new JsonObject());
  }

  private long lagUntil(String owner, Predicate<JsonObject> listed, String what, JsonObject extra) {
    long start = System.nanoTime();
    AbstractEndToEndTest.awaitCondition(() -> listed.test(list(owner, extra)), what);
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private JsonObject list(String owner, JsonObject extra) {
    return ok(
        "/files/list", new JsonObject().put("username", owner).put("owner", owner).mergeIn(extra));
  }

  private JsonObject info(String owner, String id) {
    return ok("/files/info", new JsonObject().put("username", owner).put("uploadId", id))
        .getJsonObject("file");
  }

  private JsonObject ok(String path, JsonObject body) {
    Http.Reply r = http.post(path, body);
    assertEquals(200, r.status(), path + " " + body.encode() + " -> " + r.body());
    return r.json();
  }

  private String metrics() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("files").stream()
        .map(f -> ((JsonObject) f).getString("uploadId"))
        .toList();
  }
}
