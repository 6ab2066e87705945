package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A master of a real Redis Cluster SIGKILLed under a steady load on the store (a cluster of its
 * own): meanwhile every failure is {@code unavailable}; once its replica is promoted the store
 * works again by itself, without a restart or a new client.
 */
class RedisClusterFailoverIT {
  private static final int OWNERS = 16;
  private static final long RECOVERY_BOUND_SECONDS = 60;
  private static final int HEALTHY_STREAK = 3 * OWNERS;

  private static Vertx vertx;
  private static RedisTestCluster cluster;
  private static RedisFileStore store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    cluster = RedisTestCluster.startNew();
    // 16 shards: slots of every master; a short timeout so a call to the dead node fails soon
    var config = cluster.freshConfig(16).put("timeoutMs", 1000);
    store = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
  }

  @AfterAll
  static void stop() {
    await(store.close());
    cluster.stop();
    await(vertx.close());
  }

  @Test
  void aKilledMasterIsUnavailableUntilItsReplicaTakesOver() {
    Load load = new Load();
    for (int i = 0; i < 2 * OWNERS; i++) {
      load.step(); // healthy: nothing may fail
    }
    assertEquals(List.of(), load.failures, "before the failover");
    List<Integer> masters = cluster.masterPorts();
    assertEquals(3, masters.size(), "masters before the failover");
    for (int port : masters) { // the store really spreads its shards over the cluster
      assertTrue(!cluster.command(port, "DBSIZE").equals(":0"), "keys on master " + port);
    }

    // the first node of the store's url: the client must read the slot map from the others
    int victim = cluster.seedPort();
    assertTrue(masters.contains(victim), "the seed is a master");
    cluster.kill(victim);
    long killedAt = System.nanoTime();
    int callsBefore = load.calls;
    long deadline = killedAt + TimeUnit.SECONDS.toNanos(RECOVERY_BOUND_SECONDS);
    while (load.streak < HEALTHY_STREAK && System.nanoTime() < deadline) {
      load.step();
    }
    long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

    assertTrue(
        load.streak >= HEALTHY_STREAK,
        "no recovery within "
            + RECOVERY_BOUND_SECONDS
            + " s after killing "
            + victim
            + "; last failures: "
            + load.last(3)
            + "\n"
            + cluster.clusterInfo());
    for (FileError e : load.failures) {
      assertEquals(ErrorCode.UNAVAILABLE, e.code(), "during the failover: " + e.getMessage());
    }
    cluster.awaitState("cluster_state:ok");
    assertEquals(3, cluster.masterPorts().size(), "a replica was promoted");
    int lost = load.acknowledgedButGone();
    int outageCalls = load.lastFailureAt - callsBefore;
    System.out.printf(
        "failover: %d calls, %d failed (unavailable), %d of the first %d after the kill;"
            + " healthy again %d ms after the kill; %d of %d acknowledged creates gone%n",
        load.calls,
        load.failures.size(),
        load.failures.size(),
        outageCalls,
        recoveredMs,
        lost,
        load.acknowledged.size());
  }

  /** One create then a read back per step, round-robin over owners (so over every shard). */
  private static final class Load {
    final List<FileError> failures = new ArrayList<>();
    final List<FileRecord> acknowledged = new ArrayList<>();
    int calls;
    int streak;
    int lastFailureAt;

    void step() {
      FileRecord r = record("owner-" + (calls % OWNERS));
      calls++;
      try {
        acknowledged.add(await(store.create(r)));
        await(store.get(r.uploadId()));
        streak++;
      } catch (FileError e) {
        failures.add(e);
        streak = 0;
        lastFailureAt = calls;
        pause(); // the dead node refuses at once: do not spin
      }
    }

    List<String> last(int n) {
      return failures.subList(Math.max(0, failures.size() - n), failures.size()).stream()
          .map(FileError::toString)
          .toList();
    }

    int acknowledgedButGone() {
      int gone = 0;
      for (FileRecord r : acknowledged) {
        try {
          await(store.get(r.uploadId()));
        } catch (FileError e) {
          assertEquals(ErrorCode.NOT_FOUND, e.code(), "reading back " + r.uploadId());
          gone++;
        }
      }
      return gone;
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

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
