package dev.files.bench;

import dev.files.model.FileRecord;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench history --backend sqlite,redis --records 100000}: the write cost of the record
 * history. Loads the data set through {@link HistoryWrites}, then times {@code --samples} creates
 * of new records and as many updates (a tag added to a random loaded record), one at a time, so the
 * times are latencies, not throughput.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Times creates and updates (p50, p99) at a data set size, as history writes them.")
final class HistoryCommand implements Callable<Integer> {

  @Option(
      names = "--backend",
      split = ",",
      defaultValue = "sqlite,redis",
      description =
          "backends, comma-separated: memory, sqlite, redis, couchdb (default ${DEFAULT-VALUE})")
  List<String> backends;

  @Option(names = "--records", defaultValue = "100000", description = "data set size")
  long records;

  @Option(names = "--samples", defaultValue = "2000", description = "timed creates and updates")
  int samples;

  @Option(names = "--concurrency", defaultValue = "32", description = "creates in flight (load)")
  int concurrency;

  @Option(names = "--label", defaultValue = "", description = "added to the result's name")
  String label;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--root", defaultValue = ".", description = "the repository (tools/, service/)")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    ResultTable table =
        new ResultTable("Write cost, " + records + " records, " + HistoryWrites.WHAT)
            .note(Machine.describe())
            .note(
                "Loaded through the same writes with "
                    + concurrency
                    + " in flight; then "
                    + samples
                    + " creates of new records and "
                    + samples
                    + " updates (a tag added to a random loaded record, read first, untimed), one"
                    + " at a time.")
            .header("backend", "write", "p50 ms", "p99 ms", "max ms", "load records/s");
    BackendRun.forEach(
        backends, seed, (vertx, name, data, work) -> run(vertx, name, data, work, table));
    String suffix = label.isEmpty() ? "" : "-" + label;
    table.publish(
        results, "history-" + String.join("-", backends) + "-" + Machine.size(records) + suffix);
    return 0;
  }

  private void run(Vertx vertx, String name, DataSet data, Path work, ResultTable table)
      throws Exception {
    System.err.println("== " + name + ": loading " + records + " records");
    try (Backend backend = Backend.open(vertx, name, root, work, false)) {
      long t0 = System.nanoTime();
      Async.await(
          Async.pump(
              vertx,
              records,
              concurrency,
              Long.MAX_VALUE,
              i -> HistoryWrites.create(backend.store, data.record(i))),
          3600);
      double perSecond = records / ((System.nanoTime() - t0) / 1e9);
      String load = String.format("%.0f", perSecond);
      long[] creates = new long[samples];
      for (int i = 0; i < samples; i++) {
        FileRecord r = data.record(records + i);
        long start = System.nanoTime();
        Async.await(HistoryWrites.create(backend.store, r), 60);
        creates[i] = System.nanoTime() - start;
      }
      SplittableRandom random = new SplittableRandom(seed);
      long[] updates = new long[samples];
      for (int i = 0; i < samples; i++) {
        String id = data.record(random.nextLong(records)).uploadId();
        FileRecord before = Async.await(backend.store.get(id), 60);
        List<String> tags = new ArrayList<>(before.tags());
        tags.add("bench" + i);
        FileRecord after = before.toBuilder().tags(tags).build();
        long start = System.nanoTime();
        Async.await(HistoryWrites.update(backend.store, before, after), 60);
        updates[i] = System.nanoTime() - start;
      }
      row(table, name, "create", new Stats(creates), load);
      row(table, name, "update", new Stats(updates), load);
    }
  }

  private static void row(ResultTable table, String backend, String write, Stats s, String load) {
    table.row(
        backend, write, Stats.ms(s.medianMs()), Stats.ms(s.p99Ms()), Stats.ms(s.maxMs()), load);
    System.err.printf(
        "%s %s: p50 %s ms, p99 %s ms%n",
        backend, write, Stats.ms(s.medianMs()), Stats.ms(s.p99Ms()));
  }
}
