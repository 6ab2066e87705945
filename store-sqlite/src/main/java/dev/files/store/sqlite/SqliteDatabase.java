package dev.files.store.sqlite;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one database file and the threads that use them. JDBC blocks, so it never runs
 * on an event loop: writes run one at a time on a single-thread worker executor that owns the one
 * write connection (SQLite allows one writer; serialising in process avoids lock waits), reads run
 * on a worker executor of {@code readers} threads sharing a pool of as many read-only connections
 * (WAL lets them read while the writer writes).
 */
final class SqliteDatabase {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final long POOL_WAIT_SECONDS = 30;

  /** A unit of work on a connection, inside a transaction the database opens and ends. */
  interface Work<T> {
    T run(Connection conn) throws Exception;
  }

  private final WorkerExecutor writerThread;
  private final WorkerExecutor readerThreads;
  private final BlockingQueue<Connection> readers;
  private final int readerCount;
  private final Path path;
  private Connection writer;
  private volatile boolean closed;

  private SqliteDatabase(Vertx vertx, Path path, int readerCount) {
    int id = SEQ.incrementAndGet();
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

  Path path() {
    return path;
  }

  /** Runs work in an IMMEDIATE transaction on the write connection, one write at a time. */
  <T> Future<T> write(Work<T> work) {
    if (closed) {
      return closedFailure();
    }
    return writerThread.executeBlocking(() -> inTransaction(writer, "BEGIN IMMEDIATE", work));
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

  private static Connection openReader(String url, int busyTimeoutMs) throws SQLException {
    SQLiteConfig rc = new SQLiteConfig();
    rc.setBusyTimeout(busyTimeoutMs);
    rc.setTempStore(SQLiteConfig.TempStore.MEMORY);
    Connection conn = rc.createConnection(url);
    try {
      exec(conn, "PRAGMA query_only = 1");
      Function.create(
          conn, QueryTranslator.CONTAINS, new ContainsFunction(), 2, Function.FLAG_DETERMINISTIC);
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
      try {
        exec(conn, "ROLLBACK");
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
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
