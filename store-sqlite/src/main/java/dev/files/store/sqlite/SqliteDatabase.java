package dev.files.store.sqlite;

import dev.files.error.FileError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one database file and the threads that use them. JDBC blocks, so it never runs
 * on an event loop: writes run one at a time on a single-thread worker executor that owns the one
 * write connection (SQLite allows one writer; serialising in process avoids lock waits), reads run
 * on a worker executor of {@code readers} threads sharing a pool of as many read-only connections
 * (WAL lets them read while the writer writes).
 *
 * <p>Group commit: writes that queue up while the writer is busy run together in one transaction,
 * each inside its own SAVEPOINT, so one write's failure rolls back only that write. A commit
 * rewrites every page the writes touched (with ~25 indexes, dozens per record), so sharing it is
 * what makes concurrent writes cheap. Every write's outcome is reported only after the commit.
 */
final class SqliteDatabase {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final long POOL_WAIT_SECONDS = 30;

  /**
   * Writes between two {@code PRAGMA optimize} runs, which refresh the planner's statistics when a
   * table has grown or shrunk a lot since the last (and do nothing otherwise): without them SQLite
   * may pick, say, the status index over the owner index for an owner's list.
   */
  private static final long OPTIMIZE_EVERY = 1000;

  /**
   * Reads map the file instead of copying pages through read(2): scans (counts, substring filters)
   * then read straight from the OS page cache that every connection shares.
   */
  private static final long MMAP_BYTES = 1L << 30;

  /** At most this many writes share one transaction, which bounds the latency of the first. */
  private static final int MAX_BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  /** A unit of work on a connection, inside a transaction the database opens and ends. */
  interface Work<T> {
    T run(Connection conn) throws Exception;
  }

  /** A write waiting for the writer, with the context its caller continues on. */
  private record Pending<T>(Work<T> work, Promise<T> promise, Context context) {
    void complete(T result) {
      context.runOnContext(v -> promise.complete(result));
    }

    void fail(Throwable failure) {
      context.runOnContext(v -> promise.fail(failure));
    }
  }

  /** What a write produced inside its savepoint; delivered after the commit. */
  private record Outcome(Pending<?> pending, Object result, Throwable failure) {}

  private final Vertx vertx;
  private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final WorkerExecutor writerThread;
  private final WorkerExecutor readerThreads;
  private final BlockingQueue<Connection> readers;
  private final int readerCount;
  private final Path path;
  private Connection writer;
  private long writes; // touched only on the writer thread
  private volatile boolean closed;

  private SqliteDatabase(Vertx vertx, Path path, int readerCount) {
    int id = SEQ.incrementAndGet();
    this.vertx = vertx;
    this.path = path;
    this.readerCount = readerCount;
    this.readers = new ArrayBlockingQueue<>(readerCount);
    this.writerThread = vertx.createSharedWorkerExecutor("files-sqlite-writer-" + id, 1);
    this.readerThreads = vertx.createSharedWorkerExecutor("files-sqlite-reader-" + id, readerCount);
  }

  /** Opens the file (creating it and its schema when missing) with WAL and a busy timeout. */
  static Future<SqliteDatabase> open(Vertx vertx, Path path, int readers, int busyTimeoutMs) {
    SqliteDatabase db = new SqliteDatabase(vertx, path, readers);
    return db.writerThread
        .executeBlocking(
            () -> {
              db.connect(busyTimeoutMs);
              return db;
            })
        .recover(
            t ->
                db.shutdownExecutors()
                    .transform(
                        ignored ->
                            Future.failedFuture(
                                FileError.unavailable(
                                    "cannot open sqlite database " + path + ": " + t.getMessage(),
                                    t))));
  }

  /**
   * Runs work on the write connection inside an IMMEDIATE transaction, serialised with every other
   * write; its effects are committed when the future completes.
   */
  <T> Future<T> write(Work<T> work) {
    if (closed) {
      return closedFailure();
    }
    Promise<T> promise = Promise.promise();
    queue.add(new Pending<>(work, promise, vertx.getOrCreateContext()));
    scheduleDrain();
    return promise.future();
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      writerThread.executeBlocking(
          () -> {
            drain();
            return null;
          });
    }
  }

  /** On the writer thread: runs the queued writes, up to {@link #MAX_BATCH} per transaction. */
  private void drain() {
    try {
      List<Pending<?>> batch = new ArrayList<>();
      for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
        batch.add(p);
      }
      if (!batch.isEmpty()) {
        runBatch(batch);
      }
    } finally {
      drainScheduled.set(false);
      if (!queue.isEmpty()) {
        scheduleDrain();
      }
    }
  }

  private void runBatch(List<Pending<?>> batch) {
    if (writer == null) {
      batch.forEach(p -> p.fail(FileError.unavailable("the sqlite store is closed", null)));
      return;
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      exec(writer, "BEGIN IMMEDIATE");
      try {
        for (Pending<?> p : batch) {
          outcomes.add(runInSavepoint(p));
        }
        exec(writer, "COMMIT");
      } catch (Exception | Error e) {
        rollback(writer, e);
        throw e;
      }
    } catch (Exception | Error e) {
      batch.forEach(p -> p.fail(e));
      return;
    }
    for (Outcome o : outcomes) {
      deliver(o);
    }
    long before = writes;
    writes += batch.size();
    if (before / OPTIMIZE_EVERY != writes / OPTIMIZE_EVERY) {
      optimize();
    }
  }

  private Outcome runInSavepoint(Pending<?> p) throws SQLException {
    exec(writer, "SAVEPOINT write");
    try {
      Object result = p.work().run(writer);
      exec(writer, "RELEASE write");
      return new Outcome(p, result, null);
    } catch (Exception e) {
      exec(writer, "ROLLBACK TO write");
      exec(writer, "RELEASE write");
      return new Outcome(p, null, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void deliver(Outcome o) {
    Pending<T> p = (Pending<T>) o.pending();
    if (o.failure() != null) {
      p.fail(o.failure());
    } else {
      p.complete((T) o.result());
    }
  }

  /** Runs work in a read transaction (one consistent snapshot) on a pooled read connection. */
  <T> Future<T> read(Work<T> work) {
    if (closed) {
      return closedFailure();
    }
    return readerThreads.executeBlocking(
        () -> {
          Connection conn = readers.poll(POOL_WAIT_SECONDS, TimeUnit.SECONDS);
          if (conn == null) {
            throw FileError.unavailable("no sqlite read connection is free", null);
          }
          try {
            return inTransaction(conn, "BEGIN", work);
          } finally {
            readers.add(conn);
          }
        },
        false);
  }

  /**
   * Closes every connection once the work already queued is done, then the executors. Afterwards
   * every call fails with {@code unavailable}.
   */
  Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return writerThread
        .executeBlocking(
            () -> {
              closeConnections();
              return null;
            })
        .transform(
            r ->
                shutdownExecutors()
                    .transform(
                        ignored ->
                            r.succeeded()
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(r.cause())));
  }

  private void connect(int busyTimeoutMs) throws SQLException {
    String url = "jdbc:sqlite:" + path;
    SQLiteConfig wc = new SQLiteConfig();
    wc.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL with WAL: a commit survives a crash of the process; only a power loss may lose the
    // last transactions, never corrupt the file.
    wc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    wc.setBusyTimeout(busyTimeoutMs);
    wc.setTempStore(SQLiteConfig.TempStore.MEMORY);
    wc.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
    writer = wc.createConnection(url);
    try {
      Schema.apply(writer);
      exec(writer, "PRAGMA optimize=0x10002");
      for (int i = 0; i < readerCount; i++) {
        readers.add(openReader(url, busyTimeoutMs));
      }
    } catch (SQLException | RuntimeException e) {
      List<SQLException> ignored = new ArrayList<>();
      for (Connection conn; (conn = readers.poll()) != null; ) {
        closeQuietly(conn, ignored);
      }
      closeQuietly(writer, ignored);
      throw e;
    }
  }

  private void optimize() {
    try {
      exec(writer, "PRAGMA optimize=0x10002");
    } catch (SQLException e) {
      // statistics only steer the planner; a failed refresh must not fail the write
      LOG.warn("PRAGMA optimize failed on {}", path, e);
    }
  }

  private static Connection openReader(String url, int busyTimeoutMs) throws SQLException {
    SQLiteConfig rc = new SQLiteConfig();
    rc.setBusyTimeout(busyTimeoutMs);
    rc.setTempStore(SQLiteConfig.TempStore.MEMORY);
    rc.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
    Connection conn = rc.createConnection(url);
    try {
      exec(conn, "PRAGMA query_only = 1");
      Function.create(
          conn, SqliteLister.CONTAINS, new ContainsFunction(), 2, Function.FLAG_DETERMINISTIC);
      return conn;
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
  }

  private static <T> T inTransaction(Connection conn, String begin, Work<T> work) throws Exception {
    exec(conn, begin);
    try {
      T result = work.run(conn);
      exec(conn, "COMMIT");
      return result;
    } catch (Exception | Error e) {
      rollback(conn, e);
      throw e;
    }
  }

  private static void rollback(Connection conn, Throwable cause) {
    try {
      exec(conn, "ROLLBACK");
    } catch (SQLException rollbackFailed) {
      cause.addSuppressed(rollbackFailed);
    }
  }

  /** Waits for the read connections in use to come back, then closes them and the writer. */
  private void closeConnections() throws SQLException, InterruptedException {
    List<SQLException> failures = new ArrayList<>();
    for (int i = 0; i < readerCount; i++) {
      Connection conn = readers.poll(POOL_WAIT_SECONDS, TimeUnit.SECONDS);
      if (conn != null) {
        closeQuietly(conn, failures);
      }
    }
    if (writer != null) {
      try {
        exec(writer, "PRAGMA optimize");
      } catch (SQLException e) {
        failures.add(e);
      }
      closeQuietly(writer, failures);
      writer = null;
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private static void closeQuietly(Connection conn, List<SQLException> failures) {
    try {
      conn.close();
    } catch (SQLException e) {
      failures.add(e);
    }
  }

  private Future<Void> shutdownExecutors() {
    return Future.join(writerThread.close(), readerThreads.close()).mapEmpty();
  }

  private static void exec(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  private static <T> Future<T> closedFailure() {
    return Future.failedFuture(FileError.unavailable("the sqlite store is closed", null));
  }
}
