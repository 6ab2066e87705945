package dev.files.bench;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.redis.RedisFileStore;
import dev.files.store.redis.RedisStoreConfig;
import dev.files.store.redis.RedisStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench wait}: what {@code store.redis.waitReplicas} costs. Creates on a local 6-node Redis
 * Cluster (3 masters, 3 replicas) through the store, with and without WAIT, in alternating rounds
 * so both see the same machine; reports p50/p99 per create and creates/s.
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = "Redis store creates with and without WAIT 1 on a local 6-node Redis Cluster.")
final class WaitCommand implements Callable<Integer> {

  @Option(names = "--creates", defaultValue = "5000", description = "timed creates per round/mode")
  int creates;

  @Option(names = "--rounds", defaultValue = "3", description = "rounds; each runs both modes")
  int rounds;

  @Option(names = "--inflight", defaultValue = "1", description = "creates in flight")
  int inflight;

  @Option(names = "--warmup", defaultValue = "500", description = "untimed creates per mode")
  int warmup;

  @Option(names = "--root", defaultValue = ".")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  private record Mode(String name, int replicas, RedisFileStore store, List<Long> nanos) {}

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("files-bench-wait-");
    Vertx vertx = Vertx.vertx();
    try (LocalRedisCluster cluster = LocalRedisCluster.start(work)) {
      List<Mode> modes = new ArrayList<>();
      modes.add(new Mode("off (waitReplicas 0)", 0, open(vertx, cluster, 0), new ArrayList<>()));
      modes.add(new Mode("WAIT 1 (waitReplicas 1)", 1, open(vertx, cluster, 1), new ArrayList<>()));
      for (Mode m : modes) {
        measure(vertx, m.store(), warmup, new ArrayList<>());
      }
      Map<String, Double> rates = runRounds(vertx, modes);
      table(modes, rates).publish(results, "wait-redis-cluster-" + inflight + "-inflight");
      for (Mode m : modes) {
        Async.await(m.store().close(), 30);
      }
      return 0;
    } finally {
      Async.await(vertx.close(), 30);
      Machine.deleteTree(work);
    }
  }

  /** Timed rounds, modes alternating; the sum over rounds of each mode's creates/s. */
  private Map<String, Double> runRounds(Vertx vertx, List<Mode> modes) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Mode m : modes) {
        long t0 = System.nanoTime();
        measure(vertx, m.store(), creates, m.nanos());
        double seconds = (System.nanoTime() - t0) / 1e9;
        rates.merge(m.name(), creates / seconds, Double::sum);
      }
    }
    return rates;
  }

  private ResultTable table(List<Mode> modes, Map<String, Double> rates) {
    ResultTable table =
        new ResultTable("Redis store creates with and without WAIT, 6-node Redis Cluster")
            .note(Machine.describe())
            .note(setup())
            .header("mode", "creates", "p50 ms", "p99 ms", "max ms", "creates/s");
    for (Mode m : modes) {
      Stats s = new Stats(m.nanos().stream().mapToLong(Long::longValue).toArray());
      table.row(
          m.name(),
          s.count(),
          Stats.ms(s.medianMs()),
          Stats.ms(s.p99Ms()),
          Stats.ms(s.maxMs()),
          String.format("%.0f", rates.get(m.name()) / rounds));
    }
    return table;
  }

  private String setup() {
    return "Three masters with one replica each on loopback, no persistence; 16 shards;"
        + " "
        + inflight
        + " create(s) in flight; "
        + rounds
        + " rounds of "
        + creates
        + " creates per mode, modes alternating; a create is the id pointer (SET NX)"
        + " and the write script, each followed by WAIT in its batch when on."
        + " Command: `./bench/run wait --creates "
        + creates
        + " --rounds "
        + rounds
        + " --inflight "
        + inflight
        + "`.";
  }

  private static RedisFileStore open(Vertx vertx, LocalRedisCluster cluster, int replicas) {
    JsonObject config =
        new JsonObject()
            .put("url", cluster.url())
            .put("type", "cluster")
            .put("prefix", "bw" + replicas + ":")
            .put("shards", 16)
            .put("waitReplicas", replicas)
            .put("waitTimeoutMs", 1000);
    return Async.await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)), 60);
  }

  /** {@code n} creates with {@link #inflight} in flight; each one's latency into {@code out}. */
  private void measure(Vertx vertx, RedisFileStore store, int n, List<Long> out) {
    List<Long> local = java.util.Collections.synchronizedList(new ArrayList<>());
    Async.await(
        Async.pump(
            vertx,
            n,
            inflight,
            Long.MAX_VALUE,
            i -> {
              long t0 = System.nanoTime();
              Future<?> f = store.create(record(i));
              return f.onSuccess(r -> local.add(System.nanoTime() - t0));
            }),
        600);
    out.addAll(local);
  }

  private static FileRecord record(long i) {
    long now = System.currentTimeMillis();
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner("owner-" + (i % 50))
        .status(Status.PROCESSED)
        .name("bench " + i)
        .startedAt(now)
        .uploadedAt(now)
        .processedAt(now)
        .build();
  }
}
