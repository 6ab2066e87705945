package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static dev.files.testing.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.ListQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server that answers "not now" in each of its ways, under a running store (a server of its
 * own, with DEBUG enabled): loading its data set, busy in a script, closing the store's connections
 * with a command in flight. Every call fails {@code unavailable}, pipelined batches included, and
 * the store works again by itself afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisServerFaultsIT {
  private static final long TIMEOUT_MS = 10_000;

  private Vertx vertx;
  private RedisTestServer server;
  private RedisFileStore store;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server = RedisTestServer.startNew(List.of("--enable-debug-command", "yes"));
    store =
        await(
            RedisStoreProvider.open(
                vertx, RedisStoreConfig.from(server.freshConfig(4).put("timeoutMs", TIMEOUT_MS))));
  }

  @AfterAll
  void stop() {
    server.stop();
    await(vertx.close());
  }

  private static FileRecord record() {
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner("ann")
        .status(Status.PROCESSED)
        .name("n")
        .tags(List.of("t"))
        .uploadedAt(1L)
        .build();
  }

  @Test
  void whileTheServerLoadsItsDataEveryCallIsUnavailable() {
    FileRecord kept = await(store.create(record()));
    // a data set that takes seconds to load: DEBUG RELOAD saves and loads it again, and the
    // server answers LOADING to everyone else meanwhile
    assertEquals("+OK", server.command("DEBUG POPULATE 10000 filler 10"));
    assertEquals("+OK", server.command("CONFIG SET key-load-delay 200"));
    assertEquals("+OK", server.command("CONFIG SET loading-process-events-interval-bytes 1024"));
    CompletableFuture<String> reload =
        CompletableFuture.supplyAsync(() -> server.command("DEBUG RELOAD"));
    try {
      poll(() -> server.command("PING").startsWith("-LOADING"), "the server is loading");

      FileError list = failure(store.list(ListQuery.listed())); // pipelined batches
      assertEquals(ErrorCode.UNAVAILABLE, list.code(), list::toString);
      assertTrue(list.getMessage().contains("LOADING"), list::getMessage);
      assertEquals(ErrorCode.UNAVAILABLE, failure(store.changes(null, 10)).code());
      assertEquals(ErrorCode.UNAVAILABLE, failure(store.get(kept.uploadId())).code());
      assertEquals(ErrorCode.UNAVAILABLE, failure(store.create(record())).code());
    } finally {
      assertEquals("+OK", reload.join());
      server.command("CONFIG SET key-load-delay 0");
    }
    assertEquals(kept, await(store.get(kept.uploadId())));
    assertEquals(1, await(store.list(ListQuery.listed())).total());
  }

  @Test
  void whileAScriptKeepsTheServerBusyEveryCallIsUnavailable() {
    FileRecord kept = await(store.create(record()));
    assertEquals("+OK", server.command("CONFIG SET busy-reply-threshold 100"));
    CompletableFuture<String> script =
        CompletableFuture.supplyAsync(
            () -> server.command("EVAL \"local i = 0 while true do i = i + 1 end\" 0"));
    try {
      poll(() -> server.command("PING").startsWith("-BUSY"), "the server is busy");

      FileError list = failure(store.list(ListQuery.listed()));
      assertEquals(ErrorCode.UNAVAILABLE, list.code(), list::toString);
      assertTrue(list.getMessage().contains("BUSY"), list::getMessage);
      assertEquals(ErrorCode.UNAVAILABLE, failure(store.get(kept.uploadId())).code());
    } finally {
      assertEquals("+OK", server.command("SCRIPT KILL"));
      assertTrue(script.join().startsWith("-"), "the killed script fails");
      server.command("CONFIG SET busy-reply-threshold 5000");
    }
    assertEquals(kept, await(store.get(kept.uploadId())));
  }

  @Test
  void aConnectionTheServerClosesWithACommandInFlightIsUnavailable() {
    // writes wait while clients are paused for writes; killing the store's connections then
    // fails the waiting SET with the client's CONNECTION_CLOSED
    assertEquals("+OK", server.command("CLIENT PAUSE 10000 WRITE"));
    Future<FileRecord> create;
    try {
      create = store.create(record());
      poll(() -> server.command("INFO clients").contains("blocked_clients:1"), "the create waits");
      assertTrue(server.command("CLIENT KILL TYPE normal SKIPME yes").startsWith(":"));
    } finally {
      server.command("CLIENT UNPAUSE");
    }
    FileError closed = failure(create);
    assertEquals(ErrorCode.UNAVAILABLE, closed.code(), closed::toString);

    FileRecord after = await(eventually(() -> store.create(record())));
    assertEquals(after, await(store.get(after.uploadId())));
  }

  @Test
  void severalRoundTripsOfOneOperationShareOneTimeout() {
    RedisCalls fresh =
        new RedisCalls(Redis.createClient(vertx, server.url()), 1_000).withinOneTimeout();
    try {
      // each sleep fits in the timeout, both together do not: the second call fails at the
      // operation's deadline, before its own timeout would end
      await(fresh.send(Request.cmd(Command.DEBUG).arg("SLEEP").arg("0.6"), "first"));
      FileError second =
          failure(fresh.send(Request.cmd(Command.DEBUG).arg("SLEEP").arg("0.6"), "second"));
      assertEquals(ErrorCode.UNAVAILABLE, second.code());
      FileError third = failure(fresh.send(Request.cmd(Command.PING), "third"));
      assertEquals(ErrorCode.UNAVAILABLE, third.code());
      assertTrue(third.getMessage().contains("did not answer within"), third::getMessage);
    } finally {
      await(fresh.close());
    }
  }

  private static void poll(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      sleep(10);
    }
  }

  /** Retries while the pool replaces the connections the server closed. */
  private static <T> Future<T> eventually(java.util.function.Supplier<Future<T>> call) {
    for (int i = 0; i < 50; i++) {
      try {
        return Future.succeededFuture(await(call.get()));
      } catch (FileError e) {
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), () -> "unexpected " + e);
        sleep(100);
      }
    }
    return call.get();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
