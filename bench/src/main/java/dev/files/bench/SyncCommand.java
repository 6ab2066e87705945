package dev.files.bench;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import dev.files.store.couchdb.CouchDbReplica;
import dev.files.syncer.Backfill;
import dev.files.syncer.Endpoints;
import dev.files.syncer.SyncerConfig;
import dev.files.syncer.SyncerMetrics;
import dev.files.syncer.SyncerVerticle;
import dev.files.syncer.Verifier;
import dev.files.syncer.cli.ProgressLine;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench sync --records 100000 --rate 500 --seconds 60}: the Redis → CouchDB syncer. Loads
 * the data set into Redis, times {@code backfill} into an empty CouchDB, then runs the follower
 * ({@link SyncerVerticle}) while a writer creates and updates records at a fixed rate, sampling the
 * syncer's lag every second and the end-to-end delay of some writes; finally {@code verify}.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description =
        "Backfill rate into CouchDB, then the follower's lag while writing to Redis at a fixed"
            + " rate; ends with verify.")
final class SyncCommand implements Callable<Integer> {
  private static final String LOCAL_DATABASE = "files";
  private static final long DRAIN_TIMEOUT_S = 300;

  @Option(names = "--records", defaultValue = "100000", description = "records loaded first")
  long records;

  @Option(names = "--rate", defaultValue = "500", description = "writes per second to Redis")
  int rate;

  @Option(names = "--seconds", defaultValue = "60", description = "how long the writer runs")
  long seconds;

  @Option(names = "--sample-every", defaultValue = "50", description = "1 in N writes timed")
  int sampleEvery;

  @Option(names = "--batch", defaultValue = "1000", description = "syncer.batchSize")
  int batch;

  @Option(names = "--poll-ms", defaultValue = "200", description = "syncer.pollMs")
  long pollMs;

  @Option(names = "--concurrency", defaultValue = "32", description = "creates in flight (load)")
  int concurrency;

  @Option(
      names = "--max-in-flight",
      defaultValue = "256",
      description = "writer's writes in flight")
  int maxInFlight;

  @Option(
      names = "--redis-pool",
      defaultValue = "8",
      description = "store.redis.poolSize of the writer's and the syncer's clients")
  int redisPool;

  @Option(
      names = "--couchdb-url",
      description =
          "an external CouchDB (e.g. http://admin:secret@127.0.0.1:5984) instead of a local"
              + " pouchdb-server")
  String couchdbUrl;

  @Option(
      names = "--couchdb-database",
      defaultValue = "bench_sync",
      description = "the database on --couchdb-url, deleted first (default ${DEFAULT-VALUE})")
  String couchdbDatabase;

  @Option(names = "--backfill-shards", defaultValue = "4", description = "syncer.backfillShards")
  int backfillShards = 4;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--root", defaultValue = ".", description = "the repository (tools/)")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  /** What one run measured. */
  record Outcome(ResultTable table, boolean parity) {}

  @Override
  public Integer call() throws Exception {
    Outcome o = run();
    o.table()
        .publish(
            results, "sync-" + (couchdbUrl == null ? "" : "couchdb3-") + Machine.size(records));
    return o.parity() ? 0 : 1;
  }

  Outcome run() throws Exception {
    ResultTable table =
        new ResultTable(
                "Syncer benchmark: backfill of "
                    + records
                    + " records, then "
                    + rate
                    + " writes/s for "
                    + seconds
                    + " s")
            .note(Machine.describe())
            .note(setup());
    Path work = Files.createTempDirectory("files-bench-sync-");
    Vertx vertx = Vertx.vertx();
    if (couchdbUrl != null) {
      CouchDbBench.drop(new Backend.CouchDb(couchdbUrl, couchdbDatabase));
    }
    try (SyncServers servers = SyncServers.start(root, work, couchdbUrl)) {
      JsonObject config = config(servers);
      SyncerConfig syncer = SyncerConfig.from(config);
      FileStore redis =
          Async.await(
              FileStoreProvider.named("redis")
                  .open(vertx, config.getJsonObject("store").getJsonObject("redis")),
              120);
      try {
        return measure(vertx, servers, config, syncer, redis, table);
      } finally {
        Async.await(redis.close(), 60);
      }
    } finally {
      Async.await(vertx.close(), 60);
      Machine.deleteTree(work);
    }
  }

  private String setup() {
    return "redis-server (no persistence, 16 shards) and "
        + (couchdbUrl == null
            ? "pouchdb-server 4.2.0 (`--in-memory`)"
            : "an external CouchDB (" + serverVersion() + ")")
        + " on loopback; the bench data set (seed "
        + seed
        + ") loaded into Redis through FileStore.create with "
        + concurrency
        + " in flight. Syncer: batchSize "
        + batch
        + ", pollMs "
        + pollMs
        + ", backfillShards "
        + backfillShards
        + ", warmIndexes on (list indexes updated after each batch, before its"
        + " acknowledgement)"
        + ", one follower (SyncerVerticle). Redis client pool: "
        + redisPool
        + " connections (store.redis.poolSize).";
  }

  private Outcome measure(
      Vertx vertx,
      SyncServers servers,
      JsonObject config,
      SyncerConfig syncer,
      FileStore redis,
      ResultTable table)
      throws Exception {
    DataSet data = new DataSet(seed);
    System.err.println("== loading " + records + " records into Redis");
    StoreBenchmark.Load load = new StoreBenchmark(vertx, redis).load(data, records, concurrency, 0);
    table.note(String.format("Load into Redis: %.0f records/s.", load.createsPerSecond()));
    table.header("phase", "measure", "result");

    Endpoints ends = Async.await(Endpoints.open(vertx, syncer), 120);
    try {
      backfill(syncer, ends, table);
      boolean caughtUp = follow(vertx, servers, config, redis, data, table);
      System.err.println("== verify");
      Verifier.Report v =
          Async.await(new Verifier(syncer, ends, new SyncerMetrics()).run(false), 1800);
      v.print(System.err, 5);
      table.row(
          "verify",
          "parity",
          (v.parity() ? "PARITY" : "DIFFERENT")
              + String.format(
                  " (redis %d, couchdb %d; missing %d, extra %d, version mismatch %d)",
                  v.redisRecords(),
                  v.couchRecords(),
                  v.missing().size(),
                  v.extra().size(),
                  v.versionMismatch().size()));
      return new Outcome(table, v.parity() && caughtUp);
    } finally {
      Async.await(ends.close(), 60);
    }
  }

  private void backfill(SyncerConfig syncer, Endpoints ends, ResultTable table) {
    System.err.println("== backfill");
    Backfill backfill = new Backfill(syncer, ends, new SyncerMetrics());
    long startedAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Backfill.Result r;
    try (ProgressLine p = ProgressLine.start(() -> backfill.progress(startedAt))) {
      r = Async.await(backfill.run(true), 6 * 3600);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.err.println(backfill.progress(startedAt));
    System.err.printf("backfill: list indexes built in %.1f s%n", backfill.indexSeconds());
    table.row(
        "backfill",
        "rate",
        String.format(
            "**%,.0f records/s** (%,d records in %.1f s%s)",
            r.copied() / secs, r.copied(), secs, r.finished() ? "" : ", NOT FINISHED"));
    table.row(
        "backfill",
        "list indexes built from scratch (after the copy, part of the time above)",
        String.format("%.1f s", backfill.indexSeconds()));
  }

  /** The follower under a steady write load; true when it caught up afterwards. */
  private boolean follow(
      Vertx vertx,
      SyncServers servers,
      JsonObject config,
      FileStore redis,
      DataSet data,
      ResultTable table)
      throws Exception {
    System.err.println("== follow: writing " + rate + "/s for " + seconds + " s");
    SyncerMetrics metrics = new SyncerMetrics();
    String deployment =
        Async.await(
            vertx.deployVerticle(
                new SyncerVerticle(metrics), new DeploymentOptions().setConfig(config)),
            120);
    CouchDbReplica couch =
        Async.await(CouchDbReplica.open(vertx, servers.couchUrl, database()), 120);
    try {
      Watch watch =
          new Watch(
              vertx.getOrCreateContext(),
              metrics,
              new EndToEndProbe(vertx, couch),
              new FollowSamples());
      SyncWriter.Result w = writeWatched(vertx, redis, data, watch);
      double drainSeconds = drain(watch.ctx(), metrics, watch.probe());
      watch.ctx().runOnContext(v -> watch.probe().stop());
      writeRow(table, w);
      lagRows(table, watch);
      endRows(table, metrics, servers, drainSeconds);
      return drainSeconds >= 0;
    } finally {
      Async.await(vertx.undeploy(deployment), 120);
      Async.await(couch.close(), 60);
    }
  }

  /** What watches the follower while the writer runs: its metrics, the probe, the samples. */
  private record Watch(
      Context ctx, SyncerMetrics metrics, EndToEndProbe probe, FollowSamples samples) {}

  /** The follower's metrics, read once a second. */
  private record FollowSamples(
      Samples lagEntries, Samples lagMs, Samples appliedPerSecond, Samples warmMs) {

    FollowSamples() {
      this(new Samples(), new Samples(), new Samples(), new Samples());
    }

    void take(SyncerMetrics metrics) {
      lagEntries.add(metrics.lagEntries());
      lagMs.add(metrics.lagSeconds() * 1000);
      appliedPerSecond.add(metrics.appliedPerSecond());
      warmMs.add(metrics.indexWarmSeconds() * 1000);
      System.err.println("follow: " + metrics.snapshot());
    }
  }

  /** The writer's run, with the probe on and the metrics sampled every second. */
  private SyncWriter.Result writeWatched(Vertx vertx, FileStore redis, DataSet data, Watch watch) {
    SyncWriter writer =
        new SyncWriter(vertx, redis, data, records, rate, sampleEvery, maxInFlight, watch.probe());
    Promise<SyncWriter.Result> written = Promise.promise();
    long[] sampler = {-1};
    watch
        .ctx()
        .runOnContext(
            v -> {
              watch.probe().start();
              sampler[0] = vertx.setPeriodic(1_000, id -> watch.samples().take(watch.metrics()));
              writer.run(seconds).onComplete(written);
            });
    SyncWriter.Result w = Async.await(written.future(), seconds + 600);
    watch.ctx().runOnContext(v -> vertx.cancelTimer(sampler[0]));
    return w;
  }

  private void writeRow(ResultTable table, SyncWriter.Result w) {
    table.row(
        "follow",
        "writes to Redis",
        String.format(
            "%.1f/s achieved of %d/s (%,d creates, %,d updates in %.1f s; %d errors%s;"
                + " peak %d in flight of %d, %,d writes still owed at the end)",
            w.writesPerSecond(),
            rate,
            w.creates(),
            w.updates(),
            w.seconds(),
            w.errors(),
            w.firstError() == null ? "" : ": " + w.firstError(),
            w.peakInFlight(),
            maxInFlight,
            w.owed()));
  }

  private void lagRows(ResultTable table, Watch watch) {
    FollowSamples s = watch.samples();
    EndToEndProbe probe = watch.probe();
    table
        .row(
            "follow",
            "lag, entries (SyncerMetrics.lagEntries, 1/s)",
            s.lagEntries().summary("%.0f") + " (" + s.lagEntries().count() + " samples)")
        .row(
            "follow",
            "lag, ms (SyncerMetrics.lagSeconds, 1/s)",
            s.lagMs().summary("%.0f") + " (" + s.lagMs().count() + " samples)")
        .row(
            "follow",
            "end-to-end, ms (Redis confirmed → CouchDB holds that version)",
            probe.latencyMs().summary("%.0f")
                + String.format(
                    " (%d writes, 1 in %d; poll every %d ms; %d never seen)",
                    probe.latencyMs().count(), sampleEvery, EndToEndProbe.POLL_MS, probe.waiting()))
        .row(
            "follow",
            "index update after a batch, ms (SyncerMetrics.indexWarmSeconds, 1/s; in the lag)",
            s.warmMs().summary("%.0f") + " (" + watch.metrics().indexWarms() + " updates)")
        .row(
            "follow",
            "applied/s (SyncerMetrics.appliedPerSecond)",
            String.format("mean %.0f, ", s.appliedPerSecond().mean())
                + s.appliedPerSecond().summary("%.0f"));
  }

  private static void endRows(
      ResultTable table, SyncerMetrics metrics, SyncServers servers, double drainSeconds) {
    table
        .row(
            "follow",
            "catch-up after the writer stopped",
            drainSeconds < 0
                ? "NOT caught up within " + DRAIN_TIMEOUT_S + " s"
                : String.format("%.1f s (lag 0 and every timed write seen)", drainSeconds))
        .row(
            "follow",
            "totals",
            String.format(
                "applied %,d, skipped %,d, acked %,d, errors %d; pouchdb-server RSS %d MiB"
                    + " (-1: external server)",
                metrics.applied(),
                metrics.skipped(),
                metrics.acked(),
                metrics.errors(),
                servers.couchRssMib()));
  }

  /** Seconds until the follower reports no lag and every timed write reached CouchDB; -1 if not. */
  private static double drain(Context ctx, SyncerMetrics metrics, EndToEndProbe probe) {
    long t0 = System.nanoTime();
    long deadline = t0 + DRAIN_TIMEOUT_S * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      Promise<Integer> waiting = Promise.promise();
      ctx.runOnContext(v -> waiting.complete(probe.waiting()));
      if (metrics.lagEntries() == 0 && Async.await(waiting.future(), 60) == 0) {
        return (System.nanoTime() - t0) / 1e9;
      }
      ChildProcess.sleep(100);
    }
    return -1;
  }

  private String database() {
    return couchdbUrl == null ? LOCAL_DATABASE : couchdbDatabase;
  }

  /** The external server's version line, e.g. "CouchDB 3.4.3". */
  private String serverVersion() {
    return CouchDbBench.version(new Backend.CouchDb(couchdbUrl, couchdbDatabase));
  }

  private JsonObject config(SyncServers servers) {
    return new JsonObject()
        .put(
            "store",
            new JsonObject()
                .put(
                    "redis",
                    new JsonObject().put("url", servers.redisUrl).put("poolSize", redisPool))
                .put(
                    "couchdb",
                    new JsonObject().put("url", servers.couchUrl).put("database", database())))
        .put(
            "syncer",
            new JsonObject()
                .put("group", "files-syncer")
                .put("consumer", "bench")
                .put("batchSize", batch)
                .put("backfillShards", backfillShards)
                .put("pollMs", pollMs));
  }
}
