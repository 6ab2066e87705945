package dev.files.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench list --backend sqlite,redis --records 100000}: load, then the three queries. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Loads the seeded data set into each backend and times the three list queries.")
final class ListCommand implements Callable<Integer> {

  @Option(
      names = "--backend",
      split = ",",
      defaultValue = "memory,sqlite,redis",
      description =
          "backends, comma-separated: memory, sqlite, redis, couchdb (default ${DEFAULT-VALUE})")
  List<String> backends;

  @Option(names = "--records", defaultValue = "100000", description = "data set size")
  long records;

  @Option(names = "--runs", defaultValue = "30", description = "timed runs per query")
  int runs;

  @Option(names = "--warmup", defaultValue = "3", description = "untimed runs per query")
  int warmup;

  @Option(names = "--concurrency", defaultValue = "32", description = "creates/gets in flight")
  int concurrency;

  @Option(names = "--gets", defaultValue = "20000", description = "gets after the load")
  long gets;

  @Option(
      names = "--redis-name-grams",
      description = "open the Redis store with nameGrams on (name substrings from trigram sets)")
  boolean redisNameGrams;

  @Option(
      names = "--couchdb-url",
      description =
          "an external CouchDB (e.g. http://admin:secret@127.0.0.1:5984) instead of a local"
              + " pouchdb-server")
  String couchdbUrl;

  @Option(
      names = "--couchdb-database",
      defaultValue = "bench_list",
      description = "the database on --couchdb-url, deleted first (default ${DEFAULT-VALUE})")
  String couchdbDatabase;

  @Option(
      names = "--couchdb-reuse",
      description =
          "keep the database on --couchdb-url: skip the load when it holds the data set, else"
              + " load what is missing (with --couchdb-bulk-load)")
  boolean couchdbReuse;

  @Option(
      names = "--couchdb-bulk-load",
      description =
          "load CouchDB with _bulk_docs of 1000 records as the syncer writes them, instead of"
              + " FileStore.create one by one")
  boolean couchdbBulkLoad;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--root", defaultValue = ".", description = "the repository (tools/, service/)")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    ResultTable table = run();
    String where = couchdbUrl != null && backends.contains("couchdb") ? "-couchdb3" : "";
    table.publish(
        results, "list-" + String.join("-", backends) + where + "-" + Machine.size(records));
    return 0;
  }

  ResultTable run() throws Exception {
    ResultTable table =
        new ResultTable("List benchmark, " + records + " records")
            .note(Machine.describe())
            .note(dataSetNote())
            .note(queriesNote())
            .header(
                "backend",
                "query",
                "median ms",
                "p99 ms",
                "max ms",
                "total",
                "first",
                "first call ms, notes");
    BackendRun.forEach(
        backends, seed, (vertx, name, data, work) -> runBackend(vertx, name, data, work, table));
    return table;
  }

  private String dataSetNote() {
    return "Data set: seed "
        + seed
        + ", "
        + DataSet.OWNERS
        + " owners, ~2 % names with `quasar`, contentLength log-uniform 100 B..100 MB,"
        + " ~half public, 0-5 of 200 tags, the year before 2026-11-01, status"
        + " processed. Loaded through FileStore.create with "
        + concurrency
        + " in flight.";
  }

  private String queriesNote() {
    return "Each query: "
        + warmup
        + " untimed runs, then "
        + runs
        + " timed runs one after the other. No store keeps a result cache, so every"
        + " run is a full evaluation (cold: no cached answer of an earlier query is used); the"
        + " backends' page caches and the OS cache are warm. `first` = first two uploadIds"
        + " (8 chars) and the page size, to compare answers across backends. `first call`:"
        + " the first call of the query after the load (an index or view built on first"
        + " use shows here), retried while the store answers `unavailable`; timed runs that"
        + " fail with `unavailable` (the store's request timeout) are counted, not timed.";
  }

  private void runBackend(Vertx vertx, String name, DataSet data, Path work, ResultTable table)
      throws Exception {
    System.err.println("== " + name + ": loading " + records + " records");
    Backend.CouchDb external =
        couchdbUrl == null ? null : new Backend.CouchDb(couchdbUrl, couchdbDatabase);
    boolean reuse = external != null && name.equals("couchdb") && prepare(external);
    try (Backend backend = Backend.open(vertx, name, root, work, redisNameGrams, external)) {
      Loaded loaded = load(vertx, name, data, backend, external, reuse, table);
      String loadNote = loadNote(name, loaded, backend);
      if (backend.slowlog != null) {
        backend.slowlog.reset(0);
      }
      System.err.println(loadNote);
      table.note(loadNote);
      if (name.equals("couchdb")) {
        String built = CouchDbBench.buildIndexes(backend.listStore(), reuse);
        System.err.println(built);
        table.note(built);
      }
      runQueries(vertx, name, backend, table);
    }
  }

  /** Drops the external database unless reused; whether it holds the data set to reuse. */
  private boolean prepare(Backend.CouchDb external) throws Exception {
    boolean reuse = couchdbReuse && CouchDbBench.holds(external, records);
    if (!couchdbReuse) {
      CouchDbBench.drop(external);
    }
    return reuse;
  }

  /** The load's rates, and Redis's longest command during it (null when not watched). */
  private record Loaded(StoreBenchmark.Load load, RedisSlowlog.Longest longest) {}

  private Loaded load(
      Vertx vertx,
      String name,
      DataSet data,
      Backend backend,
      Backend.CouchDb external,
      boolean reuse,
      ResultTable table)
      throws Exception {
    if (reuse) {
      table.note("**couchdb** database `" + couchdbDatabase + "` reused (data set loaded before).");
      return new Loaded(new StoreBenchmark.Load(0, 0, 0, 0), null);
    }
    if (couchdbBulkLoad && name.equals("couchdb")) {
      Backend.CouchDb where =
          external != null
              ? external
              : new Backend.CouchDb(backend.url, Backend.CouchDb.DEFAULT_DATABASE);
      StoreBenchmark.Load load = CouchDbBench.bulkLoad(vertx, where, data, records, 2);
      table.note(
          "**couchdb** loaded with `_bulk_docs` of "
              + CouchDbBench.BULK
              + " records, 2 in flight (CouchDbReplica, as the syncer's backfill).");
      return new Loaded(load, null);
    }
    StoreBenchmark bench = new StoreBenchmark(vertx, backend.store);
    if (backend.slowlog == null) {
      return new Loaded(bench.load(data, records, concurrency, gets), null);
    }
    return loadWatched(bench, data, backend.slowlog);
  }

  /** The load with Redis's SLOWLOG drained every 2 s, so that its longest command is kept. */
  private Loaded loadWatched(StoreBenchmark bench, DataSet data, RedisSlowlog slowlog)
      throws InterruptedException {
    slowlog.reset(1000);
    RedisSlowlog.Drainer drainer = slowlog.drainEvery(2000);
    StoreBenchmark.Load load;
    try {
      load = bench.load(data, records, concurrency, gets);
    } finally {
      drainer.close();
    }
    return new Loaded(load, drainer.longest());
  }

  private String loadNote(String name, Loaded loaded, Backend backend) {
    StoreBenchmark.Load load = loaded.load();
    String note =
        String.format(
            "**%s**%s load: %d creates at %.0f records/s; %d gets at %.0f records/s.",
            name,
            name.equals("redis") ? " (nameGrams " + (redisNameGrams ? "on" : "off") + ")" : "",
            load.records(),
            load.createsPerSecond(),
            load.gets(),
            load.getsPerSecond());
    if (backend.slowlog == null) {
      return note;
    }
    return note
        + " Longest command during load and gets (SLOWLOG, threshold 1 ms, drained every 2 s): "
        + loaded.longest()
        + "; server-side latency (INFO latencystats): "
        + backend.slowlog.latencies("evalsha", "set", "get", "hgetall")
        + "; used memory "
        + backend.slowlog.usedMemory()
        + ".";
  }

  /** The three queries, a row each; for Redis, a note of the longest command during them. */
  private void runQueries(Vertx vertx, String name, Backend backend, ResultTable table) {
    RedisSlowlog.Longest[] longest = {RedisSlowlog.Longest.NONE};
    Runnable afterRun =
        backend.slowlog == null
            ? () -> {}
            : () -> longest[0] = longest[0].plus(backend.slowlog.drain());
    StoreBenchmark lists = new StoreBenchmark(vertx, backend.listStore());
    for (StoreBenchmark.QueryResult q : lists.queries(warmup, runs, afterRun)) {
      table.row(
          name,
          q.query().name() + ": " + q.query().description(),
          Stats.ms(q.stats().medianMs()),
          Stats.ms(q.stats().p99Ms()),
          Stats.ms(q.stats().maxMs()),
          q.total(),
          q.firstIds(),
          Stats.ms(q.firstCallMs())
              + (q.retries() > 0 ? " (" + q.retries() + " timeouts retried)" : "")
              + (q.failedRuns() > 0
                  ? "; " + q.failedRuns() + " of " + runs + " timed runs failed (unavailable)"
                  : ""));
    }
    if (backend.slowlog != null) {
      String note =
          "**redis** longest single command during the list runs, warm-up included (SLOWLOG, threshold 0 µs,"
              + " read and reset after every run so the log never wraps): "
              + longest[0]
              + "; server-side latency (INFO latencystats): "
              + backend.slowlog.latencies(
                  "zrangebylex", "zrevrangebylex", "zmscore", "hmget", "hgetall", "zcard")
              + ".";
      System.err.println(note);
      table.note(note);
    }
  }
}
