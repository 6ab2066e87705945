package dev.files.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database schema, created on first open and versioned by {@code PRAGMA user_version}.
 *
 * <pre>
 * files   one row per record: a real column per built-in queryable field ({@link Column}),
 *         for the free-text ones also {@code <field>_key}, their {@link SortKey} (BLOB),
 *         listed (0/1, FileRecord.listed()), pub (0/1, public and not direct-only),
 *         doc (the whole record as JSON; what reads return)
 * tags    (uploadId, tag)                      one row per tag
 * custom  (uploadId, field, kind, v)           one row per c_* field; kind 1 boolean (v 0/1),
 *                                              2 number, 3 string (v its SortKey)
 * changes (seq AUTOINCREMENT, uploadId, version, op)   the change feed
 * history (uploadId, version, at, entry)       one row per history entry (version: the record's
 *                                              version after the change; entry: its JSON);
 *                                              written in the transaction of the change
 * </pre>
 *
 * <p>Version 2 added {@code history}; a version 1 database gets the table on open (its records
 * start their history with their next write).
 *
 * <p>docs/backends/sqlite.md lists the indexes and the queries each one serves.
 */
final class Schema {
  static final int VERSION = 2;

  private Schema() {}

  /** Creates the schema when the database is new; fails on a schema newer than this code. */
  static void apply(Connection conn) throws SQLException {
    int current = userVersion(conn);
    if (current == VERSION) {
      return;
    }
    if (current == 1) {
      migrate(conn, historyTable());
      return;
    }
    if (current != 0) {
      throw new SQLException(
          "database schema version "
              + current
              + " is not supported (this code knows "
              + VERSION
              + ")");
    }
    migrate(conn, ddl());
  }

  /** Runs the statements and sets the schema version, all in one transaction. */
  private static void migrate(Connection conn, List<String> statements) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("BEGIN IMMEDIATE");
      try {
        for (String ddl : statements) {
          st.executeUpdate(ddl);
        }
        st.executeUpdate("PRAGMA user_version = " + VERSION);
        st.executeUpdate("COMMIT");
      } catch (SQLException e) {
        st.executeUpdate("ROLLBACK");
        throw e;
      }
    }
  }

  static List<String> ddl() {
    List<String> out = new ArrayList<>();
    out.add(filesTable());
    out.add("CREATE UNIQUE INDEX files_alias ON files(owner, alias)");
    out.add("CREATE INDEX files_listed ON files(listed, uploadedAt, uploadId)");
    out.add("CREATE INDEX files_listed_public ON files(listed, pub, uploadedAt, uploadId)");
    out.add("CREATE INDEX files_owner ON files(owner, listed, uploadedAt, uploadId)");
    for (Column c : Column.values()) {
      if (c.sortIndexed) {
        out.add("CREATE INDEX files_by_" + c.field + " ON files(" + c.sortQuoted() + ", uploadId)");
      }
    }
    out.add(
        "CREATE TABLE tags (uploadId TEXT NOT NULL, tag TEXT NOT NULL,"
            + " PRIMARY KEY (uploadId, tag)) WITHOUT ROWID");
    out.add("CREATE INDEX tags_by_tag ON tags(tag, uploadId)");
    // v has no declared type, so no affinity: integers, reals and text are stored as given.
    out.add(
        "CREATE TABLE custom (uploadId TEXT NOT NULL, field TEXT NOT NULL, kind INTEGER NOT NULL,"
            + " v NOT NULL, PRIMARY KEY (uploadId, field)) WITHOUT ROWID");
    out.add("CREATE INDEX custom_by_value ON custom(field, kind, v, uploadId)");
    out.add(
        "CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, uploadId TEXT NOT NULL,"
            + " version INTEGER NOT NULL, op TEXT NOT NULL)");
    out.addAll(historyTable());
    return out;
  }

  private static List<String> historyTable() {
    return List.of(
        "CREATE TABLE history (uploadId TEXT NOT NULL, version INTEGER NOT NULL,"
            + " at INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (uploadId, version))"
            + " WITHOUT ROWID");
  }

  private static String filesTable() {
    StringBuilder sb = new StringBuilder("CREATE TABLE files (");
    for (Column c : Column.values()) {
      sb.append(c.quoted()).append(' ').append(sqlType(c.kind));
      if (c == Column.UPLOAD_ID) {
        sb.append(" PRIMARY KEY");
      }
      if (!c.nullable) {
        sb.append(" NOT NULL");
      }
      sb.append(", ");
      if (c.keyed) {
        sb.append(c.sortQuoted()).append(" BLOB, ");
      }
    }
    return sb.append("listed INTEGER NOT NULL, pub INTEGER NOT NULL, doc TEXT NOT NULL)")
        .toString();
  }

  private static String sqlType(Kind kind) {
    return kind == Kind.STRING ? "TEXT" : "INTEGER";
  }

  private static int userVersion(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
