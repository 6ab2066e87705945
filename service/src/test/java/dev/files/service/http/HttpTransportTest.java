package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both transports over real HTTP and the event bus, with stand-in actions (trusted mode). */
class HttpTransportTest {
  private static final String ID = "0b5c8e7e-0a7d-4c1e-9a55-2f8f0d6b1c11";
  private static final TestActions ACTIONS = new TestActions();
  private static FilesServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    server =
        TestServers.start(
            FilesServer.builder(
                    TestServers.config(
                        Map.of("FILES_AUTH_ADMINS", "root", "FILES_HTTP_BODYLIMIT", "4096")))
                .actions(ACTIONS::create)
                .storage(
                    (vertx, config, url) ->
                        io.vertx.core.Future.succeededFuture(TestServers.emptyStorage(true))));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static JsonObject info(String username) {
    return new JsonObject().put("username", username).put("uploadId", ID);
  }

  @Test
  void trustedModeBelievesTheBodyAndKnowsTheAdmins() {
    Http.Reply ann = http.post("/files/info", info("ann"));
    assertEquals(200, ann.status(), ann.body());
    assertEquals("ann", ann.json().getString("caller"));
    assertFalse(ann.json().getBoolean("admin"));
    assertTrue(
        ann.raw().headers().firstValue("content-type").orElse("").startsWith("application/json"));

    Http.Reply root = http.post("/files/info", info("root"));
    assertEquals("root", root.json().getString("caller"));
    assertTrue(root.json().getBoolean("admin"));
  }

  @Test
  void actionsWithDotsAreServedUnderSlashes() {
    int before = ACTIONS.tagAddRuns.get();
    Http.Reply r =
        http.post(
            "/files/tag/add",
            new JsonObject()
                .put("username", "ann")
                .put("uploadId", ID)
                .put("tags", new JsonArray().add("x")));
    assertEquals(200, r.status(), r.body());
    assertEquals(before + 1, ACTIONS.tagAddRuns.get());
  }

  @Test
  void anInvalidRequestIs400WithTheErrorShapeAndRunsNothing() {
    int before = ACTIONS.tagAddRuns.get();
    Http.Reply r =
        http.post(
            "/files/tag/add",
            new JsonObject()
                .put("username", "ann")
                .put("uploadId", ID)
                .put("tags", new JsonArray().add("x"))
                .put("colour", "red"));
    assertEquals(400, r.status());
    JsonObject error = r.error();
    assertEquals(400, error.getInteger("status"));
    assertEquals("validation", error.getString("code"));
    assertFalse(error.getString("message").isEmpty());
    assertTrue(error.getJsonArray("details").encode().contains("colour"), error.encode());
    assertEquals(before, ACTIONS.tagAddRuns.get(), "a rejected request must not run the action");
  }

  @Test
  void badJsonAndNonObjectBodiesAre400() {
    Http.Reply notJson = http.post("/files/info", "{not json");
    assertEquals(400, notJson.status());
    assertEquals("validation", notJson.error().getString("code"));
    Http.Reply array = http.post("/files/info", "[1,2]");
    assertEquals(400, array.status());
    assertEquals("validation", array.error().getString("code"));
    Http.Reply empty = http.post("/files/info", "");
    assertEquals(400, empty.status());
  }

  @Test
  void unknownActionsAndRoutesAre404WithTheErrorShape() {
    Http.Reply action = http.post("/files/explode", new JsonObject());
    assertEquals(404, action.status());
    assertEquals("not-found", action.error().getString("code"));
    Http.Reply route = http.get("/nothing/here");
    assertEquals(404, route.status());
    assertEquals("not-found", route.error().getString("code"));
  }

  @Test
  void anActionsFileErrorGivesItsStatus() {
    Http.Reply r = http.post("/files/report", new JsonObject().put("username", "ann"));
    assertEquals(404, r.status());
    assertEquals("not-found", r.error().getString("code"));
    assertEquals("no such owner", r.error().getString("message"));
  }

  @Test
  void aServerErrorNeverLeaksItsCause() {
    Http.Reply r =
        http.post(
            "/files/head",
            new JsonObject().put("username", "ann").put("aliases", new JsonArray().add("a")));
    assertEquals(500, r.status());
    assertEquals("internal", r.error().getString("code"));
    assertEquals("internal error", r.error().getString("message"));
    assertFalse(r.body().contains(TestActions.SECRET), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
  }

  @Test
  void anOversizedBodyIs413() {
    String big = "x".repeat(8192);
    Http.Reply r = http.post("/files/info", info("ann").put("alias", big));
    assertEquals(413, r.status(), r.body());
    assertEquals("too-large", r.error().getString("code"));
  }

  @Test
  void theOpenApiDocumentIsServed() {
    Http.Reply r = http.get("/openapi.yaml");
    assertEquals(200, r.status());
    assertTrue(r.body().startsWith("openapi: 3.1.0"), r.body().substring(0, 40));
    assertTrue(r.body().contains("/files/tag/add"));
  }

  @Test
  void healthIsUpWhenStoreAndStorageAnswer() {
    Http.Reply r = http.get("/health");
    assertEquals(200, r.status(), r.body());
    JsonObject body = r.json();
    assertEquals("up", body.getString("status"));
    assertEquals("up", body.getJsonObject("checks").getString("store:memory"));
    assertEquals("up", body.getJsonObject("checks").getString("storage:empty"));
    assertTrue(body.getJsonArray("failing").isEmpty());
  }

  @Test
  void metricsExposeStoreTimers() {
    assertEquals(200, http.post("/files/list", new JsonObject()).status());
    Http.Reply r = http.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(
        r.body()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("files_store_seconds_count{")
                        && l.contains("method=\"get\"")
                        && l.contains("backend=\"memory\"")
                        && l.contains("outcome=\"not-found\"")),
        r.body());
    assertTrue(r.body().contains("vertx_http_server_requests"), "Vert.x metrics are exported");
  }

  @Test
  void theEventBusServesTheSameActionsTrusted() throws Exception {
    JsonObject reply =
        (JsonObject)
            server
                .vertx()
                .eventBus()
                .request("files.info", info("root"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .body();
    assertEquals("root", reply.getString("caller"));
    assertTrue(reply.getBoolean("admin"));
  }

  @Test
  void eventBusFailuresCarryTheStatusAndTheErrorJson() {
    ReplyException notFound = busFailure("files.report", new JsonObject().put("username", "ann"));
    assertEquals(404, notFound.failureCode());
    assertEquals(
        "not-found",
        new JsonObject(notFound.getMessage()).getJsonObject("error").getString("code"));

    int before = ACTIONS.tagAddRuns.get();
    ReplyException invalid = busFailure("files.tag.add", new JsonObject().put("username", "ann"));
    assertEquals(400, invalid.failureCode());
    JsonObject error = new JsonObject(invalid.getMessage()).getJsonObject("error");
    assertEquals(400, error.getInteger("status"));
    assertEquals("validation", error.getString("code"));
    assertEquals(before, ACTIONS.tagAddRuns.get());

    ReplyException internal =
        busFailure(
            "files.head",
            new JsonObject().put("username", "ann").put("aliases", new JsonArray().add("a")));
    assertEquals(500, internal.failureCode());
    assertFalse(internal.getMessage().contains(TestActions.SECRET));
  }

  private static ReplyException busFailure(String address, JsonObject body) {
    try {
      server
          .vertx()
          .eventBus()
          .request(address, body)
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(ReplyException.class, e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError(address + " should have failed");
  }
}
