package dev.files.store.sqlite;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Capability;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeFeed;
import dev.files.store.ChangeOp;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import dev.files.store.query.ReportTally;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The embedded store: one SQLite file (see {@link Schema}). A thin facade over {@link SqliteCodec}
 * (record to row), {@link SqliteLister} (list queries to SQL), {@link SqliteErrors} (SQLException
 * to FileError) and {@link SqliteDatabase} (connections and threads).
 *
 * <p>Every write runs on the single write connection inside an IMMEDIATE transaction (shared with
 * the writes queued beside it, each in its own savepoint): the compare-and-set is {@code
 * UPDATE/DELETE ... WHERE uploadId = ? AND version = ?} with its row count checked, the UNIQUE
 * index on (owner, alias) rejects a taken alias in the same statement, and the change feed row is
 * inserted before the commit, and so is the history entry (with the retention's deletions).
 */
public final class SqliteFileStore implements FileStore, ChangeFeed {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(
          Capability.INDEXED_SORT,
          Capability.INDEXED_EQUALITY,
          Capability.INDEXED_RANGE,
          Capability.INDEXED_TAGS,
          Capability.INDEXED_CUSTOM_FIELDS,
          Capability.DURABLE);

  /** At most this many writes pass between two prunings of the change feed. */
  private static final long PRUNE_EVERY = 1000;

  private final SqliteDatabase db;
  private final long changesRetained;
  private final long pruneEvery;
  private long writes; // touched only on the single writer thread

  /**
   * @param changesRetained how many change feed entries to keep at least (older ones are pruned); 0
   *     keeps them all
   */
  SqliteFileStore(SqliteDatabase db, long changesRetained) {
    this.db = db;
    this.changesRetained = changesRetained;
    this.pruneEvery = Math.max(1, Math.min(PRUNE_EVERY, changesRetained));
  }

  @Override
  public Future<FileRecord> create(FileRecord record) {
    return create(record, WriteContext.unattributed());
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    FileRecord stored = record.toBuilder().version(1).build();
    return db.<FileRecord>write(
            conn -> {
              try {
                SqliteCodec.insert(conn, stored);
              } catch (SQLException e) {
                throw createFailure(conn, stored, e);
              }
              SqliteCodec.insertSideRows(conn, stored);
              appendChange(conn, stored.uploadId(), 1, ChangeOp.CREATE);
              // A record created again after a delete starts a new history.
              History.purge(conn, stored.uploadId());
              History.append(
                  conn, stored.uploadId(), HistoryEntry.of(null, stored, context), context);
              return stored;
            })
        .recover(t -> failed(t, stored.uploadId(), stored.alias()));
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return db.read(
            conn -> {
              try (PreparedStatement ps =
                  conn.prepareStatement("SELECT doc FROM files WHERE uploadId = ?")) {
                ps.setString(1, uploadId);
                return single(ps, "no file " + uploadId);
              }
            })
        .recover(t -> failed(t, uploadId, null));
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return db.read(
            conn -> {
              try (PreparedStatement ps =
                  conn.prepareStatement("SELECT doc FROM files WHERE owner = ? AND alias = ?")) {
                ps.setString(1, owner);
                ps.setString(2, alias);
                return single(ps, "no file with alias '" + alias + "'");
              }
            })
        .recover(t -> failed(t, null, alias));
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return update(record, expectedVersion, null, WriteContext.unattributed());
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return update(after, before.version(), before, context);
  }

  /** {@code before} null: read in the transaction, for the history entry. */
  private Future<FileRecord> update(
      FileRecord record, long expectedVersion, FileRecord before, WriteContext context) {
    return db.<FileRecord>write(
            conn -> {
              FileRecord old = before != null ? before : History.current(conn, record.uploadId());
              FileRecord stored = record.toBuilder().version(expectedVersion + 1).build();
              if (!SqliteCodec.update(conn, stored, expectedVersion)) {
                // Not at that version, absent, or the caller named another owner: which one is
                // read under the write lock this transaction holds, so nothing moves meanwhile.
                String owner = currentOwner(conn, record.uploadId(), expectedVersion);
                stored = stored.toBuilder().owner(owner).build();
                SqliteCodec.update(conn, stored, expectedVersion);
              }
              SqliteCodec.deleteSideRows(conn, stored.uploadId());
              SqliteCodec.insertSideRows(conn, stored);
              appendChange(conn, stored.uploadId(), stored.version(), ChangeOp.UPDATE);
              History.append(
                  conn, stored.uploadId(), HistoryEntry.of(old, stored, context), context);
              return stored;
            })
        .recover(t -> failed(t, record.uploadId(), record.alias()));
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    return db.<Void>write(
            conn -> {
              try (PreparedStatement ps =
                  conn.prepareStatement("DELETE FROM files WHERE uploadId = ? AND version = ?")) {
                ps.setString(1, uploadId);
                ps.setLong(2, expectedVersion);
                if (ps.executeUpdate() == 0) {
                  currentOwner(conn, uploadId, expectedVersion);
                  throw FileError.versionConflict(uploadId, expectedVersion);
                }
              }
              SqliteCodec.deleteSideRows(conn, uploadId);
              History.purge(conn, uploadId);
              appendChange(conn, uploadId, expectedVersion + 1, ChangeOp.DELETE);
              return null;
            })
        .recover(t -> failed(t, uploadId, null));
  }

  @Override
  public Future<Page> list(ListQuery q) {
    SqliteLister.Plan plan;
    try {
      plan = SqliteLister.plan(q);
    } catch (RuntimeException e) {
      return Future.failedFuture(FileError.of(e));
    }
    return db.read(conn -> SqliteLister.page(conn, q, plan)).recover(t -> failed(t, null, null));
  }

  @Override
  public Future<Report> report(String owner) {
    Sql sql =
        Sql.of(
            "SELECT status, count(*), sum(contentLength), sum(\"public\"),"
                + " sum(CASE WHEN \"public\" = 1 THEN contentLength ELSE 0 END)"
                + " FROM files f WHERE listed = 1");
    if (owner != null) {
      sql.add(" AND owner = ").param(owner);
    }
    sql.add(" GROUP BY status");
    return db.read(
            conn -> {
              ReportTally tally = new ReportTally();
              try (PreparedStatement ps = sql.prepare(conn);
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  tally
                      .addTotals(rs.getLong(2), rs.getLong(4), rs.getLong(3), rs.getLong(5))
                      .addStatus(Status.fromWire(rs.getString(1)), rs.getLong(2));
                }
              }
              return tally.report();
            })
        .recover(t -> failed(t, null, null));
  }

  @Override
  public Future<ChangeBatch> changes(String since, int limit) {
    long after;
    try {
      after = since == null ? 0 : Long.parseLong(since);
    } catch (NumberFormatException e) {
      return Future.failedFuture(FileError.validation("invalid change feed position: " + since));
    }
    if (limit < 1) {
      return Future.succeededFuture(new ChangeBatch(List.of(), since));
    }
    return db.read(
            conn -> {
              List<Change> out = new ArrayList<>();
              try (PreparedStatement ps =
                  conn.prepareStatement(
                      "SELECT seq, uploadId, version, op FROM changes WHERE seq > ?"
                          + " ORDER BY seq LIMIT ?")) {
                ps.setLong(1, after);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(
                        new Change(
                            String.valueOf(rs.getLong(1)),
                            rs.getString(2),
                            rs.getLong(3),
                            ChangeOp.valueOf(rs.getString(4))));
                  }
                }
              }
              return new ChangeBatch(out, out.isEmpty() ? since : out.get(out.size() - 1).seq());
            })
        .recover(t -> failed(t, null, null));
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return db.read(conn -> History.read(conn, uploadId, afterVersion, limit))
        .recover(t -> failed(t, uploadId, null));
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Future<Void> ping() {
    return db.<Void>read(
            conn -> {
              try (PreparedStatement ps = conn.prepareStatement("SELECT 1");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
              }
              return null;
            })
        .recover(t -> failed(t, null, null));
  }

  @Override
  public Future<Void> close() {
    return db.close().recover(t -> failed(t, null, null));
  }

  /**
   * The stored owner of a record that a compare-and-set did not hit; fails with {@code not-found}
   * when the record is absent and {@code version-conflict} when it is at another version.
   */
  private static String currentOwner(Connection conn, String uploadId, long expectedVersion)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT owner, version FROM files WHERE uploadId = ?")) {
      ps.setString(1, uploadId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw FileError.notFound("no file " + uploadId);
        }
        if (rs.getLong(2) != expectedVersion) {
          throw FileError.versionConflict(uploadId, expectedVersion);
        }
        return rs.getString(1);
      }
    }
  }

  /**
   * Why an insert failed: SQLite reports whichever unique index it checks first, while an existing
   * uploadId must win over a taken alias ({@code conflict} before {@code alias-taken}).
   */
  private static FileError createFailure(Connection conn, FileRecord r, SQLException e)
      throws SQLException {
    FileError error = SqliteErrors.translate(e, r.uploadId(), r.alias());
    if (error.code() == ErrorCode.ALIAS_TAKEN && exists(conn, r.uploadId())) {
      return new FileError(ErrorCode.CONFLICT, "record " + r.uploadId() + " exists", e);
    }
    return error;
  }

  private static boolean exists(Connection conn, String uploadId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM files WHERE uploadId = ?")) {
      ps.setString(1, uploadId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Appends to the change feed, and now and then prunes what lies beyond the retention. */
  private void appendChange(Connection conn, String uploadId, long version, ChangeOp op)
      throws SQLException {
    insertChange(conn, uploadId, version, op);
    if (changesRetained > 0 && ++writes % pruneEvery == 0) {
      try (PreparedStatement ps =
          conn.prepareStatement("DELETE FROM changes WHERE seq <= last_insert_rowid() - ?")) {
        ps.setLong(1, changesRetained);
        ps.executeUpdate();
      }
    }
  }

  private static void insertChange(Connection conn, String uploadId, long version, ChangeOp op)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO changes (uploadId, version, op) VALUES (?, ?, ?)")) {
      ps.setString(1, uploadId);
      ps.setLong(2, version);
      ps.setString(3, op.name());
      ps.executeUpdate();
    }
  }

  private static FileRecord single(PreparedStatement ps, String notFound) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw FileError.notFound(notFound);
      }
      return SqliteCodec.decode(rs.getString(1));
    }
  }

  private static <T> Future<T> failed(Throwable t, String uploadId, String alias) {
    return Future.failedFuture(SqliteErrors.translate(t, uploadId, alias));
  }
}
