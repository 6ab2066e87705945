package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The index warmer against a scripted CouchDB on a free port: CouchDB answers a request that waits
 * for an index build longer than its {@code [fabric] request_timeout} with {@code 500 timeout}
 * while the build goes on, so the warmer asks again; any other failure ends the round.
 */
class IndexWarmerTest {
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() throws Exception {
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anIndexStillBuildingAfterTheServersTimeoutIsAskedAgainUntilItAnswers() throws Exception {
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    HttpServer server =
        serve(
            req -> {
              int n =
                  asked.computeIfAbsent(touchOf(req), k -> new AtomicInteger()).incrementAndGet();
              answer(req, n <= 2 ? 500 : 200, n <= 2 ? "timeout" : null);
            });
    CouchClient couch = client(server);
    try {
      await(new IndexWarmer(couch, 60_000, 1).warm());
      int touches = Schema.indexNames().size() + 2;
      assertEquals(touches, asked.size(), "every index and view asked: " + asked.keySet());
      asked.forEach((touch, n) -> assertEquals(3, n.get(), touch + " asked until it answered"));
    } finally {
      couch.close();
      await(server.close());
    }
  }

  @Test
  void aBuildPastTheDeadlineFailsTheRoundAsUnavailable() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HttpServer server =
        serve(
            req -> {
              asked.incrementAndGet();
              answer(req, 500, "timeout");
            });
    CouchClient couch = client(server);
    try {
      assertEquals(
          ErrorCode.UNAVAILABLE, Await.failure(new IndexWarmer(couch, 200, 20).warm()).code());
      assertTrue(asked.get() > IndexWarmer.CHAINS, "asked again before the deadline: " + asked);
    } finally {
      couch.close();
      await(server.close());
    }
  }

  @Test
  void anotherServerErrorIsNotAskedAgain() throws Exception {
    Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    HttpServer server =
        serve(
            req -> {
              asked.computeIfAbsent(touchOf(req), k -> new AtomicInteger()).incrementAndGet();
              answer(req, 500, "unknown_error");
            });
    CouchClient couch = client(server);
    try {
      assertEquals(
          ErrorCode.INTERNAL, Await.failure(new IndexWarmer(couch, 60_000, 1).warm()).code());
      asked.forEach((touch, n) -> assertEquals(1, n.get(), touch + " asked once"));
    } finally {
      couch.close();
      await(server.close());
    }
  }

  /** The server's welcome document always answers; a touch is a request path plus its body. */
  private static HttpServer serve(java.util.function.Consumer<HttpServerRequest> touch)
      throws Exception {
    return await(
        VERTX
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              if (req.path().equals("/")) {
                                answer(req, 200, null);
                              } else {
                                req.headers().set("x-touch", req.path() + " " + body);
                                touch.accept(req);
                              }
                            }))
            .listen(0, "127.0.0.1"));
  }

  private static String touchOf(HttpServerRequest req) {
    return req.headers().get("x-touch");
  }

  private static void answer(HttpServerRequest req, int status, String error) {
    JsonObject body =
        error == null
            ? new JsonObject().put("docs", new io.vertx.core.json.JsonArray()).put("rows", 0)
            : new JsonObject().put("error", error).put("reason", "scripted");
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private static CouchClient client(HttpServer server) {
    return new CouchClient(
        VERTX,
        new CouchDbStoreConfig("http://127.0.0.1:" + server.actualPort(), "db", 10_000, 5_000, 8));
  }
}
