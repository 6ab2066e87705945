package dev.files.bench;

import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.Page;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Loads the data set into one store and times the list queries against it. */
final class StoreBenchmark {
  private static final long LOAD_TIMEOUT_S = 6 * 3600;
  private static final long LIST_TIMEOUT_S = 3600;
  private static final long FIRST_ANSWER_TIMEOUT_NS = 30L * 60 * 1_000_000_000L;

  /** Throughput of a load. */
  record Load(long records, double createsPerSecond, long gets, double getsPerSecond) {}

  /** One query's timings and its answer (to compare backends). */
  record QueryResult(
      ListQueries query,
      Stats stats,
      long total,
      String firstIds,
      double firstCallMs,
      int retries,
      int failedRuns) {}

  private final Vertx vertx;
  private final FileStore store;

  StoreBenchmark(Vertx vertx, FileStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /**
   * Creates records [0, records) with at most {@code concurrency} creates in flight, then reads
   * {@code gets} of them back by uploadId (spread over the data set) with the same concurrency.
   */
  Load load(DataSet data, long records, int concurrency, long gets) {
    long t0 = System.nanoTime();
    long created =
        Async.await(
            Async.pump(
                vertx, records, concurrency, Long.MAX_VALUE, i -> store.create(data.record(i))),
            LOAD_TIMEOUT_S);
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    long step = Math.max(1, records / Math.max(1, gets));
    long t1 = System.nanoTime();
    long got =
        Async.await(
            Async.pump(
                vertx,
                Math.min(gets, records),
                concurrency,
                Long.MAX_VALUE,
                i -> store.get(data.record((i * step) % records).uploadId())),
            LOAD_TIMEOUT_S);
    double getSeconds = (System.nanoTime() - t1) / 1e9;
    return new Load(created, created / createSeconds, got, got / getSeconds);
  }

  /**
   * Runs each query {@code warmup} times untimed (the first call retried while the backend is
   * unavailable, timed separately as the first call), then {@code runs} times one after the other,
   * timing each call. The stores keep no result cache, so every run is a full evaluation ("cold":
   * no cached answer of an earlier query is used); the backend's own page cache and the OS cache
   * are warm. {@code afterEachRun} runs after every run, outside the timing (the Redis benchmark
   * drains SLOWLOG there).
   */
  List<QueryResult> queries(int warmup, int runs, Runnable afterEachRun) {
    List<QueryResult> results = new ArrayList<>();
    for (ListQueries q : ListQueries.all()) {
      long f0 = System.nanoTime();
      int[] retries = {0};
      Page page = firstAnswer(q, retries);
      double firstCallMs = (System.nanoTime() - f0) / 1e6;
      afterEachRun.run();
      for (int w = 1; w < warmup; w++) {
        page = Async.await(store.list(q.query()), LIST_TIMEOUT_S);
        afterEachRun.run();
      }
      long[] nanos = new long[runs];
      int ok = 0;
      int failed = 0;
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        try {
          page = Async.await(store.list(q.query()), LIST_TIMEOUT_S);
          nanos[ok++] = System.nanoTime() - t;
        } catch (IllegalStateException e) {
          if (!unavailable(e)) {
            throw e;
          }
          failed++;
          System.err.println("query " + q.name() + ": " + e.getCause().getMessage());
        }
        afterEachRun.run();
      }
      results.add(
          new QueryResult(
              q,
              new Stats(java.util.Arrays.copyOf(nanos, ok)),
              page.total(),
              firstIds(page),
              firstCallMs,
              retries[0],
              failed));
    }
    return results;
  }

  /**
   * The first call of a query, retried while the backend answers {@code unavailable}: CouchDB
   * builds a view on its first use, which can outlast the store's request timeout while the build
   * goes on in the server.
   */
  private Page firstAnswer(ListQueries q, int[] retries) {
    long deadline = System.nanoTime() + FIRST_ANSWER_TIMEOUT_NS;
    while (true) {
      try {
        return Async.await(store.list(q.query()), LIST_TIMEOUT_S);
      } catch (IllegalStateException e) {
        if (!unavailable(e) || System.nanoTime() > deadline) {
          throw e;
        }
        retries[0]++;
        System.err.println("query " + q.name() + ": " + e.getCause().getMessage() + "; retrying");
      }
    }
  }

  private static boolean unavailable(IllegalStateException e) {
    return e.getCause() != null && Retry.isTransient(e.getCause());
  }

  private static String firstIds(Page page) {
    return page.items().stream()
            .limit(2)
            .map(FileRecord::uploadId)
            .map(id -> id.substring(0, 8))
            .collect(Collectors.joining(" "))
        + " ("
        + page.items().size()
        + ")";
  }
}
