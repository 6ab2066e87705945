package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthDownTest {
  @Test
  void healthIs503NamingTheFailingComponent() {
    FilesServer server =
        TestServers.start(
            FilesServer.builder(TestServers.config(Map.of()))
                .actions(new TestActions()::create)
                .storage(
                    (vertx, config, url) ->
                        Future.succeededFuture(TestServers.emptyStorage(false))));
    try {
      Http.Reply r = new Http(server.baseUrl()).get("/health");
      assertEquals(503, r.status(), r.body());
      JsonObject body = r.json();
      assertEquals("down", body.getString("status"));
      assertEquals("up", body.getJsonObject("checks").getString("store:memory"));
      assertTrue(body.getJsonObject("checks").getString("storage:empty").startsWith("down"));
      assertEquals("storage:empty", body.getJsonArray("failing").getString(0));
      assertEquals(1, body.getJsonArray("failing").size());
      assertFalse(r.body().contains("storage is down"), "the failure's words stay in the log");
    } finally {
      TestServers.stop(server);
    }
  }
}
