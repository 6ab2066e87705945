package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A store that stops answering: 503 {@code unavailable} and an unhealthy /health, then recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageEndToEndIT {
  private RedisTestServer redis;
  private FilesServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    redis = RedisTestServer.startNew();
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR",
                        Files.createTempDirectory("files-outage").toString(),
                        "FILES_STORE_PRIMARY",
                        "redis",
                        "FILES_STORE_LIST",
                        "redis",
                        "FILES_STORE_REDIS_URL",
                        redis.url(),
                        "FILES_STORE_REDIS_PREFIX",
                        redis.uniquePrefix(),
                        "FILES_STORE_REDIS_TIMEOUTMS",
                        "1000"))));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stop() {
    TestServers.stop(server);
    if (redis != null) {
      redis.stop();
    }
  }

  @Test
  void anUnreachableStoreIs503AndHealthNamesIt() {
    JsonObject info =
        new JsonObject().put("username", "ann").put("uploadId", UUID.randomUUID().toString());
    assertEquals(404, http.post("/files/info", info).status());
    assertEquals(200, http.get("/health").status());

    redis.stop();
    Http.Reply down = http.post("/files/info", info);
    assertEquals(503, down.status(), down.body());
    assertEquals("unavailable", down.error().getString("code"));
    assertFalse(down.body().contains("Exception"), down.body());
    Http.Reply health = http.get("/health");
    assertEquals(503, health.status(), health.body());
    assertEquals("store:redis", health.json().getJsonArray("failing").getString(0));

    redis.start();
    AbstractEndToEndTest.awaitCondition(() -> http.get("/health").status() == 200, "recovery");
    assertEquals(404, http.post("/files/info", info).status());
  }
}
