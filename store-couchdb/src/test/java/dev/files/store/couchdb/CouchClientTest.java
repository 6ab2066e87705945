package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge against a scripted server on a free port: how server errors are classified, and how
 * many connections the client opens.
 */
class CouchClientTest {
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() throws Exception {
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** CouchDB's own timeout (a view that takes too long) is worth retrying; other 500s are not. */
  @Test
  void aServerTimeoutIsUnavailableAndOtherServerErrorsAreInternal() throws Exception {
    HttpServer server =
        serve(
            req -> {
              String error = req.path().endsWith("/slow") ? "timeout" : "unknown_error";
              req.response()
                  .setStatusCode(500)
                  .putHeader("Content-Type", "application/json")
                  .end(new JsonObject().put("error", error).put("reason", "scripted").encode());
            });
    CouchClient couch = client(server, CouchDbStoreConfig.DEFAULT_MAX_POOL_SIZE);
    try {
      assertEquals(ErrorCode.UNAVAILABLE, failure(couch.db(HttpMethod.GET, "slow", null)));
      assertEquals(ErrorCode.INTERNAL, failure(couch.db(HttpMethod.GET, "broken", null)));
    } finally {
      couch.close();
      await(server.close());
    }
  }

  /** Requests in parallel use up to maxPoolSize connections (Vert.x's own default is 5). */
  @Test
  void parallelRequestsUseUpToMaxPoolSizeConnections() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    HttpServer server =
        serve(
            req -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              VERTX.setTimer(
                  100,
                  t -> {
                    inFlight.decrementAndGet();
                    req.response().putHeader("Content-Type", "application/json").end("{}");
                  });
            });
    CouchClient couch = client(server, 8);
    try {
      List<Future<CouchClient.Reply>> all = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        all.add(couch.db(HttpMethod.GET, "doc" + i, null));
      }
      await(Future.all(all));
      assertEquals(8, most.get());
    } finally {
      couch.close();
      await(server.close());
    }
  }

  private static HttpServer serve(Consumer<HttpServerRequest> handler) throws Exception {
    return await(VERTX.createHttpServer().requestHandler(handler::accept).listen(0, "127.0.0.1"));
  }

  private static CouchClient client(HttpServer server, int pool) {
    return new CouchClient(
        VERTX,
        new CouchDbStoreConfig(
            "http://127.0.0.1:" + server.actualPort(), "db", 10_000, 5_000, pool));
  }

  private static ErrorCode failure(Future<?> f) {
    return Await.failure(f).code();
  }
}
