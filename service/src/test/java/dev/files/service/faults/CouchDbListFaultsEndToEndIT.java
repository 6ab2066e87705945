package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.service.Http;
import dev.files.service.faults.FaultProxy.Direction;
import dev.files.service.faults.FaultProxy.Mode;
import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production layout (Redis primary, CouchDB serving files.list, the syncer inside the service)
 * with CouchDB reached through a {@link FaultProxy}, under the same mixed load: CouchDB frozen, its
 * connections closed under replies, reset under replies. Every answer is 2xx or 503 {@code
 * unavailable} in time, the service serves lists again by itself, and once healed the syncer brings
 * every processed upload to the list.
 */
class CouchDbListFaultsEndToEndIT extends AbstractFaultSuite {
  private static final long COUCHDB_TIMEOUT_MS = 2_000;

  /** Two request timeouts (a list may make two requests) plus a margin for a loaded machine. */
  private static final long ANSWER_BOUND_MS = 2 * COUCHDB_TIMEOUT_MS + 2_000;

  private RedisTestServer redis;
  private FaultProxy proxy;

  @BeforeAll
  void start() throws Exception {
    redis = RedisTestServer.startNew();
    CouchDbTestServer couch = CouchDbTestServer.shared();
    proxy = FaultProxy.to(couch.port());
    Map<String, String> env = new HashMap<>();
    env.put("FILES_DATA_DIR", Files.createTempDirectory("files-couch-faults").toString());
    env.put("FILES_AUTH_ADMINS", "root");
    env.put("FILES_RECONCILE_INTERVAL", "0");
    env.put("FILES_PROCESSING_RETRYDELAY", "20ms");
    env.put("FILES_STORAGE_TYPE", "local");
    env.put("FILES_STORE_PRIMARY", "redis");
    env.put("FILES_STORE_LIST", "couchdb");
    env.put("FILES_STORE_REDIS_URL", redis.url());
    env.put("FILES_STORE_REDIS_PREFIX", redis.uniquePrefix());
    env.put("FILES_STORE_COUCHDB_URL", couch.urlVia(proxy.port()));
    env.put("FILES_STORE_COUCHDB_DATABASE", couch.freshDatabase());
    env.put("FILES_STORE_COUCHDB_REQUESTTIMEOUTMS", Long.toString(COUCHDB_TIMEOUT_MS));
    env.put("FILES_STORE_COUCHDB_CONNECTTIMEOUTMS", "1000");
    env.put("FILES_SYNCER_ENABLED", "true");
    env.put("FILES_SYNCER_POLLMS", "50");
    startService(
        env,
        Map.of(
            "FILES_STORE_COUCHDB_REQUESTTIMEOUTMS", "120000",
            "FILES_STORE_COUCHDB_CONNECTTIMEOUTMS", "30000"),
        3,
        ANSWER_BOUND_MS);
  }

  @Override
  protected void release() {
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  @Test
  void everyAnswerIs2xxOr503InTimeAndTheListsCatchUp() throws Exception {
    load.start();
    settle("baseline (CouchDB lists)", () -> sleep(1_500));
    fault(
        "CouchDB frozen (proxy holds bytes both ways)",
        () -> proxy.setBoth(Mode.freeze()),
        () -> proxy.setBoth(Mode.pass()));
    fault(
        "CouchDB connections closed (FIN) under every reply",
        () -> proxy.set(Direction.DOWNSTREAM, Mode.close()),
        () -> proxy.set(Direction.DOWNSTREAM, Mode.pass()));
    fault(
        "CouchDB connections reset (RST) under every reply",
        () -> proxy.set(Direction.DOWNSTREAM, Mode.reset()),
        () -> proxy.set(Direction.DOWNSTREAM, Mode.pass()));
    stopLoadAndAssertEveryAnswer();
    nothingAcknowledgedIsLost();
    everyProcessedUploadReachesTheList();
  }

  /** The syncer, healed, brings every upload that is processed in Redis to its owner's list. */
  private void everyProcessedUploadReachesTheList() {
    Map<String, Set<String>> processed = new HashMap<>();
    load.acknowledgedUploads()
        .forEach(
            (id, owner) -> {
              if ("processed".equals(statusOf(owner, id))) {
                processed.computeIfAbsent(owner, o -> new HashSet<>()).add(id);
              }
            });
    processed.forEach(
        (owner, ids) ->
            awaitUntil(
                () -> listed(owner).containsAll(ids),
                "the list of " + owner + " shows its " + ids.size() + " processed uploads"));
  }

  /** Every id in the owner's list, page by page (a page holds at most 100). */
  private Set<String> listed(String owner) {
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      JsonObject request =
          new JsonObject().put("username", owner).put("owner", owner).put("limit", 100);
      if (cursor != null) {
        request.put("cursor", cursor);
      }
      Http.Reply page = http.post("/files/list", request.encode());
      assertEquals(200, page.status(), page.body());
      page.json()
          .getJsonArray("files")
          .forEach(f -> ids.add(((JsonObject) f).getString("uploadId")));
      cursor = page.json().getString("cursor");
    } while (cursor != null);
    return ids;
  }
}
