package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code store.couchdb}: defaults, validation, and that the request timeout is the configured one.
 */
class CouchDbStoreConfigTest {
  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() throws Exception {
    VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void missingKeysTakeTheirDefaults() {
    CouchDbStoreConfig c = CouchDbStoreConfig.from(new JsonObject());
    assertEquals("http://127.0.0.1:5984", c.url());
    assertEquals("files", c.database());
    assertEquals(15_000, c.requestTimeoutMs());
    assertEquals(5_000, c.connectTimeoutMs());
    assertEquals(32, c.maxPoolSize());
  }

  @Test
  void readsEveryKey() {
    CouchDbStoreConfig c =
        CouchDbStoreConfig.from(
            new JsonObject()
                .put("url", "http://admin:pw@db:5984")
                .put("database", "media")
                .put("requestTimeoutMs", 120_000)
                .put("connectTimeoutMs", 1_000)
                .put("maxPoolSize", 64));
    assertEquals(new CouchDbStoreConfig("http://admin:pw@db:5984", "media", 120_000, 1_000, 64), c);
  }

  @Test
  void aTimeoutBelowOneIsAValidationError() {
    FileError e =
        assertThrows(
            FileError.class,
            () -> CouchDbStoreConfig.from(new JsonObject().put("requestTimeoutMs", 0)));
    assertEquals(ErrorCode.VALIDATION, e.code());
  }

  @Test
  void aPoolOfNoConnectionsIsAValidationError() {
    FileError e =
        assertThrows(
            FileError.class, () -> CouchDbStoreConfig.from(new JsonObject().put("maxPoolSize", 0)));
    assertEquals(ErrorCode.VALIDATION, e.code());
  }

  @Test
  void theProviderFailsItsFutureOnABadConfiguration() {
    Future<?> opened =
        FileStoreProvider.named("couchdb")
            .open(VERTX, new JsonObject().put("connectTimeoutMs", -1));
    assertEquals(ErrorCode.VALIDATION, ((FileError) failure(opened)).code());
  }

  /** A server that accepts requests and never answers: the store gives up after the timeout. */
  @Test
  void aRequestLongerThanTheTimeoutFailsAsUnavailable() throws Exception {
    HttpServer silent =
        VERTX.createHttpServer().requestHandler(req -> {}).listen(0, "127.0.0.1").await();
    try {
      JsonObject config =
          new JsonObject()
              .put("url", "http://127.0.0.1:" + silent.actualPort())
              .put("requestTimeoutMs", 300);
      long t0 = System.nanoTime();
      Throwable e = failure(FileStoreProvider.named("couchdb").open(VERTX, config));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(ErrorCode.UNAVAILABLE, ((FileError) e).code(), e.toString());
      assertTrue(ms >= 300 && ms < 10_000, "gave up after " + ms + " ms");
    } finally {
      silent.close().await();
    }
  }

  private static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }
}
