package dev.files.service.multi;

import static dev.files.service.multi.Instances.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.service.CountingActions;
import dev.files.service.Http;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * files.sync (the reconciler) on three instances at the same moment, over uploads whose storage
 * notifications were lost (files.finish is not served, so only files.sync finishes them): each
 * two-part upload is finished part by part by whichever instance wins each compare-and-set, with no
 * part lost between them; each upload past its TTL is expired exactly once; no run fails.
 */
class MultiInstanceSyncIT {
  private static final int INSTANCES = 3;
  private static final int STALE = 12;
  private static final int FINISHED = 10;
  private static final long TTL_MS = 6_000;

  private static Instances instances;
  private static final CountingActions COUNTER = new CountingActions(0, Set.of("files.finish"));

  @BeforeAll
  static void start() {
    RedisTestServer redis = RedisTestServer.shared();
    instances =
        Instances.start(
            INSTANCES,
            Map.of(
                "FILES_STORE_PRIMARY",
                "redis",
                "FILES_STORE_LIST",
                "redis",
                "FILES_STORE_REDIS_URL",
                redis.url(),
                "FILES_STORE_REDIS_PREFIX",
                redis.uniquePrefix(),
                "FILES_UPLOAD_TTL",
                TTL_MS + "ms",
                "FILES_SYNC_PAGESIZE",
                "4"),
            COUNTER);
  }

  @AfterAll
  static void stop() {
    if (instances != null) {
      instances.close();
    }
  }

  @Test
  void everyInstanceReconcilesAtOnceAndEachRecordMovesOnce() throws Exception {
    String owner = Instances.user();
    Random random = new Random(7);
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < STALE; i++) {
      stale.add(upload(i, owner, bytes(random)).getString("uploadId"));
    }
    Thread.sleep(TTL_MS + 200); // the stale ones pass their TTL; nothing to poll for here

    List<JsonObject> complete = new ArrayList<>();
    for (int i = 0; i < FINISHED; i++) {
      byte[] a = bytes(random);
      byte[] b = bytes(random);
      JsonObject record = upload(i, owner, a, b);
      JsonArray parts = record.getJsonArray("files");
      // stored, but the finalize events find no files.finish: lost notifications
      assertEquals(200, Instances.put(parts.getJsonObject(0), a));
      assertEquals(200, Instances.put(parts.getJsonObject(1), b));
      complete.add(record);
    }

    long finished = 0;
    long removed = 0;
    for (int round = 0; round < 2; round++) {
      for (Http.Reply r :
          instances.everywhere("/files/sync", new JsonObject().put("username", "root"))) {
        JsonObject counts = ok(r, "files.sync");
        finished += counts.getLong("finished");
        removed += counts.getLong("expired") + counts.getLong("purged");
      }
    }

    assertEquals(2L * FINISHED, finished, "parts finished, over every instance and round");
    assertEquals((long) STALE, removed, "stale uploads expired, over every instance and round");
    Http reader = instances.http(2);
    for (String id : stale) {
      Http.Reply r =
          reader.post("/files/info", new JsonObject().put("username", "root").put("uploadId", id));
      assertEquals(404, r.status(), id + " " + r.body());
    }
    for (JsonObject record : complete) {
      String id = record.getString("uploadId");
      Instances.await(
          () ->
              "processed"
                  .equals(MultiInstanceProcessingIT.info(reader, owner, id).getString("status")),
          id + " is processed");
      JsonObject file = MultiInstanceProcessingIT.info(reader, owner, id);
      assertEquals(2, file.getInteger("uploaded"), "no part lost: " + file.encode());
      for (Object part : record.getJsonArray("files")) {
        String filename = ((JsonObject) part).getString("filename");
        assertEquals(1, COUNTER.inspections(filename), "processing runs of " + filename);
      }
    }
  }

  private static byte[] bytes(Random random) {
    byte[] b = new byte[200 + random.nextInt(800)];
    random.nextBytes(b);
    return b;
  }

  private static JsonObject upload(int i, String owner, byte[]... contents) {
    JsonArray parts = new JsonArray();
    for (int p = 0; p < contents.length; p++) {
      parts.add(
          Instances.part("f" + i + "-" + p + ".bin", contents[p])
              .put("type", p == 0 ? "original" : "preview"));
    }
    JsonObject body =
        new JsonObject()
            .put("username", owner)
            .put("resumable", false)
            .put("files", parts)
            .put("meta", new JsonObject().put("name", "f" + i));
    return ok(instances.http(i).post("/files/upload", body), "files.upload");
  }
}
