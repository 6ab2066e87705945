package dev.files.service.multi;

import static dev.files.service.multi.Instances.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one Redis, many uploads finished at once, and every instance trying to process
 * each of them at the same moment (its own worker after the storage event, an admin's files.process
 * and files.sync's hand-over of records stuck in {@code uploaded} on each instance): the lease
 * (compare-and-set to {@code processing}) lets exactly one run per upload; none stays behind.
 */
class MultiInstanceProcessingIT {
  private static final int INSTANCES = 3;
  private static final int UPLOADS = 24;

  private static Instances instances;
  private static final CountingActions COUNTER = new CountingActions(300, Set.of());

  @BeforeAll
  static void start() {
    RedisTestServer redis = RedisTestServer.shared();
    instances =
        Instances.start(
            INSTANCES,
            Map.of(
                "FILES_STORE_PRIMARY", "redis",
                "FILES_STORE_LIST", "redis",
                "FILES_STORE_REDIS_URL", redis.url(),
                "FILES_STORE_REDIS_PREFIX", redis.uniquePrefix(),
                // every uploaded record is "stuck" at once: files.sync hands it out everywhere
                "FILES_PROCESSING_STUCKAFTER", "0ms"),
            COUNTER);
  }

  @AfterAll
  static void stop() {
    if (instances != null) {
      instances.close();
    }
  }

  @Test
  void eachUploadIsProcessedExactlyOnceWhateverInstanceTriesIt() {
    String owner = Instances.user();
    Random random = new Random(12);
    List<JsonObject> uploads = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      byte[] bytes = new byte[500 + random.nextInt(2000)];
      random.nextBytes(bytes);
      JsonObject body =
          new JsonObject()
              .put("username", owner)
              .put("resumable", false)
              .put("files", new JsonArray().add(Instances.part("f" + i + ".bin", bytes)))
              .put("meta", new JsonObject().put("name", "f" + i));
      uploads.add(ok(instances.http(i).post("/files/upload", body), "files.upload"));
      contents.add(bytes);
    }

    Map<Integer, Integer> processAnswers = new ConcurrentHashMap<>();
    Set<String> reasons = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<?>> racing = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      JsonObject part = uploads.get(i).getJsonArray("files").getJsonObject(0);
      byte[] bytes = contents.get(i);
      String id = uploads.get(i).getString("uploadId");
      // the PUT's finalize event starts the signing instance's worker; once the upload is
      // finished every instance is asked to process it too
      racing.add(
          run(
              () -> {
                assertEquals(200, Instances.put(part, bytes), "PUT " + id);
                Instances.await(
                    () -> !"pending".equals(info(instances.http(1), owner, id).getString("status")),
                    id + " is finished");
                for (Http.Reply r :
                    instances.everywhere(
                        "/files/process",
                        new JsonObject().put("username", "root").put("uploadId", id))) {
                  processAnswers.merge(r.status(), 1, Integer::sum);
                  if (r.status() != 200) {
                    reasons.add(r.error().getString("message").replaceAll("file \\S+ ", ""));
                  }
                }
              }));
      if (i % 6 == 5) {
        racing.add(run(() -> syncEverywhere()));
      }
    }
    racing.forEach(CompletableFuture::join);
    syncEverywhere();

    Http reader = instances.http(0);
    for (JsonObject upload : uploads) {
      String id = upload.getString("uploadId");
      Instances.await(
          () -> "processed".equals(info(reader, owner, id).getString("status")),
          id + " is processed");
    }
    syncEverywhere(); // nothing left to hand out may start a second run
    for (JsonObject upload : uploads) {
      String filename = upload.getJsonArray("files").getJsonObject(0).getString("filename");
      assertEquals(1, COUNTER.inspections(filename), "processing runs of " + filename);
      JsonObject file = info(reader, owner, upload.getString("uploadId"));
      assertEquals(0, file.getInteger("errorCount", 0), file.encode());
    }
    assertEquals(
        Set.of(),
        Set.copyOf(
            processAnswers.keySet().stream()
                .filter(s -> s != 200 && s != 409 && s != 412)
                .toList()),
        "files.process answers: " + processAnswers);
    assertTrue(
        processAnswers.getOrDefault(409, 0) > 0,
        "some files.process met another instance's lease (409 busy): " + processAnswers + reasons);
    System.out.println("multi-instance processing: files.process answers " + processAnswers);
  }

  private static void syncEverywhere() {
    for (Http.Reply r :
        instances.everywhere("/files/sync", new JsonObject().put("username", "root"))) {
      assertEquals(200, r.status(), r.body());
    }
  }

  static JsonObject info(Http http, String owner, String id) {
    return ok(
            http.post("/files/info", new JsonObject().put("username", owner).put("uploadId", id)),
            "files.info " + id)
        .getJsonObject("file");
  }

  private static CompletableFuture<Void> run(Runnable r) {
    return CompletableFuture.runAsync(r, Instances.CALLERS);
  }
}
