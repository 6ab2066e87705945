package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static dev.files.testing.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code store.redis.waitReplicas}: every acknowledged write has reached a replica (WAIT on the
 * master of its slot); with the replicas frozen the write answers {@code unavailable} although the
 * master applied it. On the shared real Redis Cluster (3 masters, 3 replicas), and on a standalone
 * server that has no replica at all.
 */
class RedisWaitReplicasIT {
  private static final long WAIT_MS = 300;

  private static Vertx vertx;
  private static RedisTestCluster cluster;
  private static RedisFileStore store;
  private static String prefix;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    cluster = RedisTestCluster.shared();
    JsonObject config =
        cluster.freshConfig(16).put("waitReplicas", 1).put("waitTimeoutMs", WAIT_MS);
    prefix = config.getString("prefix");
    store = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
  }

  @AfterAll
  static void stop() {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void everyWriteIsAcknowledgedOnceAReplicaHasIt() {
    for (int i = 0; i < 16; i++) { // 16 owners: shards on every master
      FileRecord created = await(store.create(record("owner-" + i)));
      FileRecord updated = await(store.update(created.toBuilder().name("again").build(), 1));
      await(store.delete(updated.uploadId(), updated.version()));
    }
    FileRecord kept = await(store.create(record("owner-kept")));
    assertEquals("n", await(store.get(kept.uploadId())).name());
  }

  @Test
  void withTheReplicasFrozenAWriteIsUnavailableButMayHaveHappened() {
    await(store.create(record("owner-frozen"))); // the client's connections are open
    List<Integer> replicas = cluster.replicaPorts();
    assertEquals(3, replicas.size(), cluster.clusterInfo());
    FileRecord attempted = record("owner-frozen");
    replicas.forEach(cluster::pause);
    long started = System.nanoTime();
    FileError e;
    try {
      e = failure(store.create(attempted));
    } finally {
      replicas.forEach(cluster::resume);
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("0 of 1 replica(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("may still be lost"), e.getMessage());
    assertTrue(tookMs < 5_000, "bounded by one round-trip timeout, took " + tookMs + " ms");

    FileRecord after = awaitWritable("owner-frozen");
    assertEquals(1, after.version(), "writes are acknowledged again once the replicas run");
    // The master applied the refused write (the create's first step, its id pointer): the answer
    // meant "not replicated in time", not "not done".
    String pointer = prefix + "id:" + attempted.uploadId();
    assertTrue(
        cluster.masterPorts().stream()
            .anyMatch(port -> cluster.command(port, "GET " + pointer).equals("owner-frozen")),
        "the id pointer is on its master");
  }

  @Test
  void aServerWithoutReplicasAcknowledgesNoWrite() {
    JsonObject config =
        RedisTestServer.shared()
            .freshConfig(2)
            .put("waitReplicas", 1)
            .put("waitTimeoutMs", WAIT_MS);
    RedisFileStore alone = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
    try {
      FileError e = failure(alone.create(record("owner-alone")));
      assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("store.redis.waitReplicas"), e.getMessage());
    } finally {
      await(alone.close());
    }
  }

  /** Creates until a create succeeds: a resumed replica needs a moment to catch up. */
  private static FileRecord awaitWritable(String owner) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return await(store.create(record(owner)));
      } catch (FileError e) {
        if (e.code() != ErrorCode.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        RedisTestServer.sleep(100);
      }
    }
  }

  private static FileRecord record(String owner) {
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner(owner)
        .status(Status.PROCESSED)
        .name("n")
        .uploadedAt(1L)
        .build();
  }
}
