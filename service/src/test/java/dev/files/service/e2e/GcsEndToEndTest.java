package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.storage.gcs.testing.FakeGcsServer;
import dev.files.storage.gcs.testing.GcsNotifications;
import dev.files.storage.gcs.testing.TestServiceAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code storage.type=gcs} through the real Google client against the GCS fake: signed PUT, a
 * Pub/Sub push delivery of OBJECT_FINALIZE at {@code /notifications/pubsub}, processing, signed
 * download.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsEndToEndTest {
  private static final String BUCKET = "media";
  private static final String TOKEN = "push-secret";

  private Vertx fakeVertx;
  private FakeGcsServer fake;
  private FilesServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    fakeVertx = Vertx.vertx();
    fake = TestServers.await(FakeGcsServer.start(fakeVertx));
    Path dir = Files.createTempDirectory("files-gcs");
    TestServiceAccount account = TestServiceAccount.generate(dir, fake.tokenUri());
    fake.createBucket(BUCKET, false).trust(account);
    Map<String, String> env = new HashMap<>();
    env.put("FILES_DATA_DIR", dir.toString());
    env.put("FILES_STORAGE_TYPE", "gcs");
    env.put("FILES_STORAGE_GCS_BUCKET", BUCKET);
    env.put("FILES_STORAGE_GCS_HOST", fake.baseUrl());
    env.put("FILES_STORAGE_GCS_CREDENTIALSFILE", account.keyFile().toString());
    env.put("FILES_STORAGE_GCS_PUBSUB_PUSHTOKEN", TOKEN);
    env.put("FILES_RECONCILE_INTERVAL", "0");
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stop() {
    TestServers.stop(server);
    if (fake != null) {
      TestServers.await(fake.close());
    }
    TestServers.await(fakeVertx.close());
  }

  @Test
  void aPushDeliveryFinishesTheUploadAndTheFileIsProcessed() throws Exception {
    String owner = AbstractEndToEndTest.user();
    byte[] png = AbstractEndToEndTest.png(21, 13);
    JsonObject upload =
        new JsonObject()
            .put("username", owner)
            .put(
                "files",
                new io.vertx.core.json.JsonArray()
                    .add(AbstractEndToEndTest.part("original", "image/png", png, "g.png")))
            .put("meta", AbstractEndToEndTest.meta("on gcs"))
            .put("resumable", false);
    Http.Reply created = http.post("/files/upload", upload);
    assertEquals(200, created.status(), created.body());
    JsonObject record = created.json();
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    assertTrue(part.getString("location").startsWith(fake.baseUrl()), part.getString("location"));
    int put = AbstractEndToEndTest.putWhole(part, png);
    assertEquals(2, put / 100, "the signed PUT succeeds: " + put);

    FakeGcsServer.StoredObject stored =
        fake.object(BUCKET, part.getString("filename")).orElseThrow();
    JsonObject push =
        GcsNotifications.pushBody(GcsNotifications.finalize(stored), "projects/p/subscriptions/s");
    int refused = http.post("/notifications/pubsub?token=wrong", push).status();
    assertTrue(refused == 401 || refused == 403, "a wrong push token is refused: " + refused);
    Http.Reply delivered = http.post("/notifications/pubsub?token=" + TOKEN, push);
    assertEquals(2, delivered.status() / 100, delivered.body());
    assertEquals(
        2,
        http.post("/notifications/pubsub?token=" + TOKEN, push).status() / 100,
        "a duplicate is acknowledged");

    String id = record.getString("uploadId");
    AbstractEndToEndTest.awaitCondition(
        () -> "processed".equals(info(owner, id).getString("status")), "processed");
    JsonObject file = info(owner, id);
    assertEquals(21, file.getJsonArray("files").getJsonObject(0).getInteger("width"));

    Http.Reply download =
        http.post("/files/download", new JsonObject().put("username", owner).put("uploadId", id));
    assertEquals(200, download.status(), download.body());
    assertArrayEquals(
        png, AbstractEndToEndTest.get(download.json().getJsonArray("urls").getString(0)).body());
    assertEquals("up", http.get("/health").json().getJsonObject("checks").getString("storage:gcs"));
  }

  private JsonObject info(String owner, String id) {
    return http.post("/files/info", new JsonObject().put("username", owner).put("uploadId", id))
        .json()
        .getJsonObject("file");
  }
}
