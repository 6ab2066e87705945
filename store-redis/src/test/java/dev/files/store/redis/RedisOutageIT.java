package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static dev.files.testing.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.ListQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and restarted under a running store (its own server, so other tests are not
 * disturbed): every call fails with {@code unavailable} while it is down, and the store works again
 * by itself once it is back.
 */
class RedisOutageIT {
  private static Vertx vertx;
  private static RedisTestServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = RedisTestServer.startNew();
  }

  @AfterAll
  static void stop() {
    server.stop();
    await(vertx.close());
  }

  private static FileRecord record() {
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner("ann")
        .status(Status.PROCESSED)
        .name("n")
        .uploadedAt(1L)
        .build();
  }

  @Test
  void failsFastWhileDownAndRecoversWhenBack() {
    RedisFileStore store =
        await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(server.freshConfig(2))));
    FileRecord before = await(store.create(record()));

    server.stop();
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.get(before.uploadId())).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.create(record())).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.update(before, 1)).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.list(ListQuery.listed())).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.changes(null, 10)).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.report(null)).code());
    assertEquals(ErrorCode.UNAVAILABLE, failure(store.ping()).code());

    server.start(); // empty again: no persistence, and the script cache is gone too
    await(eventually(store::ping));
    FileRecord after = await(eventually(() -> store.create(record())));
    assertEquals(after, await(store.get(after.uploadId())));
    assertEquals(2, await(store.update(after, 1)).version());
    assertEquals(1, await(store.list(ListQuery.listed())).total());
    await(store.close());
  }

  /** Retries while the pool replaces connections that died with the old server. */
  private static <T> Future<T> eventually(Supplier<Future<T>> call) {
    for (int i = 0; i < 50; i++) {
      try {
        return Future.succeededFuture(await(call.get()));
      } catch (FileError e) {
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), () -> "unexpected " + e);
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return call.get();
  }
}
