package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reconciler's timer drives files.sync by itself: with a one-second upload TTL and retention,
 * abandoned uploads expire and soft-deleted files are purged without anyone calling an action.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcilerEndToEndTest {
  private FilesServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("files-reconcile");
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", dir.toString(),
                        "FILES_STORE_PRIMARY", "sqlite",
                        "FILES_STORE_LIST", "sqlite",
                        "FILES_UPLOAD_TTL", "1s",
                        "FILES_UPLOAD_EXPIRES", "1",
                        "FILES_REMOVE_RETENTION", "1s",
                        "FILES_RECONCILE_INTERVAL", "200ms",
                        "FILES_AUTH_ADMINS", "root"))));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stop() {
    TestServers.stop(server);
  }

  @Test
  void abandonedUploadsExpireAndSoftDeletedFilesArePurged() throws Exception {
    String owner = AbstractEndToEndTest.user();
    byte[] png = AbstractEndToEndTest.png(4, 4);
    JsonObject abandoned =
        http.post(
                "/files/upload",
                AbstractEndToEndTest.uploadBody(
                    owner,
                    new io.vertx.core.json.JsonArray()
                        .add(AbstractEndToEndTest.part("original", "image/png", png, "a.png")),
                    false,
                    AbstractEndToEndTest.meta("abandoned")))
            .json();
    String abandonedId = abandoned.getString("uploadId");

    JsonObject kept =
        http.post(
                "/files/upload",
                AbstractEndToEndTest.uploadBody(
                    owner,
                    new io.vertx.core.json.JsonArray()
                        .add(AbstractEndToEndTest.part("original", "image/png", png, "b.png")),
                    false,
                    AbstractEndToEndTest.meta("kept")))
            .json();
    String keptId = kept.getString("uploadId");
    assertEquals(
        200, AbstractEndToEndTest.putWhole(kept.getJsonArray("files").getJsonObject(0), png));
    AbstractEndToEndTest.awaitCondition(
        () -> "processed".equals(status(owner, keptId)), "processed");
    assertTrue(
        http.post(
                "/files/remove",
                new JsonObject()
                    .put("username", owner)
                    .put("uploadId", keptId)
                    .put("softDelete", true))
            .json()
            .getBoolean("removed"));

    AbstractEndToEndTest.awaitCondition(() -> gone(abandonedId), "the abandoned upload expires");
    AbstractEndToEndTest.awaitCondition(() -> gone(keptId), "the soft-deleted file is purged");
  }

  private String status(String owner, String id) {
    return http.post("/files/info", new JsonObject().put("username", owner).put("uploadId", id))
        .json()
        .getJsonObject("file")
        .getString("status");
  }

  /** Not even an admin finds it. */
  private boolean gone(String id) {
    return http.post("/files/info", new JsonObject().put("username", "root").put("uploadId", id))
            .status()
        == 404;
  }
}
