package dev.files.bench;

import dev.files.error.Retry;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench sync-pages --backend sqlite,redis --records 100000}: the cost of one files.sync page
 * (its query shape, paged by cursor) with the total counted, as every page was before
 * ListQuery.countTotal, and without it, as files.sync asks now.
 */
@Command(
    name = "sync-pages",
    mixinStandardHelpOptions = true,
    description = "Times files.sync's cursor pages over the data set, with and without totals.")
final class SyncPagesCommand implements Callable<Integer> {
  private static final long PAGE_TIMEOUT_S = 600;

  /** Pages of the current mode that failed with the store's request timeout (unavailable). */
  private int failedPages;

  @Option(
      names = "--backend",
      split = ",",
      defaultValue = "sqlite,redis",
      description =
          "backends, comma-separated: memory, sqlite, redis, couchdb (default ${DEFAULT-VALUE})")
  List<String> backends;

  @Option(names = "--records", defaultValue = "100000", description = "data set size")
  long records;

  @Option(
      names = "--page-size",
      defaultValue = "100",
      description = "records per page (files.sync's sync.pageSize default)")
  int pageSize;

  @Option(
      names = "--pages",
      defaultValue = "10",
      description = "pages per walk (10 x 100 is files.sync's sync.maxPerRun default)")
  int pages;

  @Option(names = "--runs", defaultValue = "5", description = "timed walks per mode")
  int runs;

  @Option(names = "--concurrency", defaultValue = "32", description = "creates in flight")
  int concurrency;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--root", defaultValue = ".", description = "the repository (tools/, service/)")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  /**
   * files.sync's query shape (SyncAction): every record, one status, not soft-deleted, by
   * startedAt, paged by cursor. Every record of the data set is processed, so every record is a
   * candidate: the largest selection a category can have.
   */
  ListQuery query(boolean countTotal) {
    return new ListQuery(
        Scope.ALL,
        null,
        false,
        List.of(),
        Filter.all(Filter.eq("status", "processed"), Filter.of("deletedAt", Op.EXISTS, false)),
        Sort.asc("startedAt"),
        0,
        pageSize,
        null,
        countTotal);
  }

  @Override
  public Integer call() throws Exception {
    ResultTable table = run();
    table.publish(
        results, "sync-pages-" + String.join("-", backends) + "-" + Machine.size(records));
    return 0;
  }

  ResultTable run() throws Exception {
    ResultTable table =
        new ResultTable("files.sync page cost, " + records + " records")
            .note(Machine.describe())
            .note(dataSetNote())
            .note(queryNote())
            .header(
                "backend",
                "total",
                "page 1 median ms",
                "pages 2.. median ms",
                "p99 ms",
                "max ms",
                "records read",
                "total reported",
                "pages failed (timeout)");
    BackendRun.forEach(
        backends, seed, (vertx, name, data, work) -> runBackend(vertx, name, data, work, table));
    return table;
  }

  private String dataSetNote() {
    return "Data set: as `bench/run list` (seed "
        + seed
        + ", every record processed), loaded through FileStore.create with "
        + concurrency
        + " in flight.";
  }

  private String queryNote() {
    return "Query: files.sync's shape: scope ALL, `status EQ processed` and `deletedAt EXISTS"
        + " false`, startedAt ASC, "
        + pageSize
        + " a page, followed by cursor for "
        + pages
        + " pages (sync.maxPerRun); one untimed walk, then "
        + runs
        + " timed walks per mode, each page timed. `counted` is what every page cost"
        + " before ListQuery.countTotal (each page counted every match); `not counted`"
        + " is what files.sync asks for now. A page that fails with the store's request"
        + " timeout (`unavailable`) is counted, not timed, and ends its walk.";
  }

  private void runBackend(Vertx vertx, String name, DataSet data, Path work, ResultTable table)
      throws Exception {
    System.err.println("== " + name + ": loading " + records + " records");
    try (Backend backend = Backend.open(vertx, name, root, work, false)) {
      StoreBenchmark.Load load =
          new StoreBenchmark(vertx, backend.store).load(data, records, concurrency, 0);
      table.note(
          String.format(
              "**%s** load: %d creates at %.0f records/s.",
              name, load.records(), load.createsPerSecond()));
      for (boolean countTotal : new boolean[] {true, false}) {
        Walks w = walks(backend.store, query(countTotal));
        table.row(
            name,
            countTotal ? "counted" : "not counted",
            Stats.ms(new Stats(w.first()).medianMs()),
            Stats.ms(new Stats(w.rest()).medianMs()),
            Stats.ms(w.all().p99Ms()),
            Stats.ms(w.all().maxMs()),
            w.recordsPerWalk(),
            w.total() == Page.UNCOUNTED ? "none" : Long.toString(w.total()),
            failedPages);
        System.err.println(name + " " + (countTotal ? "counted" : "not counted") + " done");
      }
    }
  }

  /** Page timings of the timed walks: first pages, later pages, and all of them. */
  record Walks(long[] first, long[] rest, Stats all, long recordsPerWalk, long total) {}

  private Walks walks(FileStore store, ListQuery q) {
    failedPages = 0;
    walk(store, q, new ArrayList<>(), new ArrayList<>());
    List<Long> first = new ArrayList<>();
    List<Long> rest = new ArrayList<>();
    long[] seenAndTotal = {0, 0};
    for (int r = 0; r < runs; r++) {
      seenAndTotal = walk(store, q, first, rest);
    }
    List<Long> all = new ArrayList<>(first);
    all.addAll(rest);
    return new Walks(
        toArray(first), toArray(rest), new Stats(toArray(all)), seenAndTotal[0], seenAndTotal[1]);
  }

  /** Follows cursors for up to {@code pages} pages; returns records read and the last total. */
  private long[] walk(FileStore store, ListQuery first, List<Long> firstPages, List<Long> rest) {
    ListQuery q = first;
    long seen = 0;
    long total = 0;
    for (int p = 0; p < pages && q != null; p++) {
      long t = System.nanoTime();
      Page page;
      try {
        page = Async.await(store.list(q), PAGE_TIMEOUT_S);
      } catch (IllegalStateException e) {
        if (e.getCause() == null || !Retry.isTransient(e.getCause())) {
          throw e;
        }
        // The store's request timeout: the page is counted as failed and the walk ends there.
        failedPages++;
        System.err.println("page " + (p + 1) + ": " + e.getCause().getMessage());
        break;
      }
      (p == 0 ? firstPages : rest).add(System.nanoTime() - t);
      seen += page.items().size();
      total = page.total();
      q = q.next(page);
    }
    return new long[] {seen, total};
  }

  private static long[] toArray(List<Long> xs) {
    return xs.stream().mapToLong(Long::longValue).toArray();
  }
}
