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
 * counts  (level, owner, listed, pub, status, n)  records per combination, kept by triggers: the
 *         totals of queries that select on nothing else, without counting rows
 * name_grams  FTS5 trigram index of the folded names (rowid = files rowid), kept by triggers
 * history (uploadId, version, at, entry)       one row per history entry (version: the record's
 *                                              version after the change; entry: its JSON);
 *                                              written in the transaction of the change
 * </pre>
 *
 * <p>Version 2 added the size index, {@code counts} and {@code name_grams}; version 3 added {@code
 * history} (an older database's records start their history with their next write). An older
 * database is upgraded on open.
 *
 * <p>docs/backends/sqlite.md lists the indexes and the queries each one serves.
 */
final class Schema {
  static final int VERSION = 3;

  /** {@code counts.level} of the rows that count every owner's records (owner is ''). */
  static final int ALL_OWNERS = 0;

  /** {@code counts.level} of the rows that count one owner's records. */
  static final int ONE_OWNER = 1;

  private Schema() {}

  /** Creates the schema when the database is new; fails on a schema newer than this code. */
  static void apply(Connection conn) throws SQLException {
    int current = userVersion(conn);
    if (current == VERSION) {
      return;
    }
    if (current > VERSION || current < 0) {
      throw new SQLException(
          "database schema version "
              + current
              + " is not supported (this code knows "
              + VERSION
              + ")");
    }
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("BEGIN IMMEDIATE");
      try {
        for (String ddl : current == 0 ? ddl() : upgrade(current)) {
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
    out.addAll(version2());
    out.addAll(historyTable());
    return out;
  }

  /** What turns a database of schema version {@code from} into the current one. */
  static List<String> upgrade(int from) {
    List<String> out = new ArrayList<>();
    if (from < 2) {
      out.addAll(version2());
      out.add(countRows(ALL_OWNERS, "''"));
      out.add(countRows(ONE_OWNER, "owner"));
      out.add(
          "INSERT INTO name_grams (rowid, name) SELECT rowid, "
              + foldedName("files")
              + " FROM files WHERE name IS NOT NULL");
    }
    if (from < 3) {
      out.addAll(historyTable());
    }
    return out;
  }

  private static List<String> historyTable() {
    return List.of(
        "CREATE TABLE history (uploadId TEXT NOT NULL, version INTEGER NOT NULL,"
            + " at INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (uploadId, version))"
            + " WITHOUT ROWID");
  }

  /**
   * Version 2: one owner's list in size order without a sort (the owner index orders by
   * uploadedAt), the counts table and the name trigram index, with their triggers.
   */
  private static List<String> version2() {
    List<String> out = new ArrayList<>();
    out.add("CREATE INDEX files_owner_by_contentLength ON files(owner, contentLength, uploadId)");
    out.add(
        "CREATE TABLE counts (level INTEGER NOT NULL, owner TEXT NOT NULL,"
            + " listed INTEGER NOT NULL, pub INTEGER NOT NULL, status TEXT NOT NULL,"
            + " n INTEGER NOT NULL, PRIMARY KEY (level, owner, listed, pub, status)) WITHOUT ROWID");
    out.add(
        "CREATE TRIGGER files_counts_insert AFTER INSERT ON files BEGIN "
            + countChange("NEW", 1)
            + " END");
    out.add(
        "CREATE TRIGGER files_counts_delete AFTER DELETE ON files BEGIN "
            + countChange("OLD", -1)
            + " END");
    out.add(
        "CREATE TRIGGER files_counts_update AFTER UPDATE OF owner, listed, pub, status ON files"
            + " WHEN OLD.owner IS NOT NEW.owner OR OLD.listed IS NOT NEW.listed"
            + " OR OLD.pub IS NOT NEW.pub OR OLD.status IS NOT NEW.status BEGIN "
            + countChange("OLD", -1)
            + countChange("NEW", 1)
            + " END");
    out.addAll(nameGrams());
    return out;
  }

  /**
   * {@code name_grams}: an FTS5 trigram index of each record's name, folded as {@link #NAME_FOLD}
   * says (rowid = the files rowid; contentless, so the names are not stored twice). It narrows a
   * {@code name match} to the records holding the needle's trigrams; the exact test still decides.
   */
  private static List<String> nameGrams() {
    String insert =
        "INSERT INTO name_grams (rowid, name) VALUES (NEW.rowid, " + foldedName("NEW") + "); ";
    String delete = "DELETE FROM name_grams WHERE rowid = OLD.rowid; ";
    return List.of(
        "CREATE VIRTUAL TABLE name_grams USING fts5(name, content='', contentless_delete=1,"
            + " tokenize='trigram case_sensitive 1')",
        "CREATE TRIGGER files_grams_insert AFTER INSERT ON files BEGIN " + insert + "END",
        "CREATE TRIGGER files_grams_delete AFTER DELETE ON files BEGIN " + delete + "END",
        "CREATE TRIGGER files_grams_update AFTER UPDATE OF name ON files"
            + " WHEN OLD.name IS NOT NEW.name BEGIN "
            + delete
            + insert
            + "END");
  }

  /**
   * The name as {@code name_grams} holds it: SQLite's lower() (ASCII letters only), then the two
   * non-ASCII characters whose Java lower case holds an ASCII letter (U+0130 İ, to "i" plus a dot;
   * U+212A, the Kelvin sign, to "k") as that letter. A value whose Java lower case contains an
   * ASCII needle then contains the needle here too, so the trigrams never miss a match.
   */
  static String foldedName(String row) {
    return "replace(replace(lower(" + row + ".name), char(304), 'i'), char(8490), 'k')";
  }

  /** Adds {@code delta} to the all-owners row and the owner's row of the {@code row} record. */
  private static String countChange(String row, int delta) {
    StringBuilder sb = new StringBuilder();
    for (int level : new int[] {ALL_OWNERS, ONE_OWNER}) {
      String owner = level == ALL_OWNERS ? "''" : row + ".owner";
      sb.append("INSERT INTO counts (level, owner, listed, pub, status, n) VALUES (")
          .append(level)
          .append(", ")
          .append(owner)
          .append(", ")
          .append(row)
          .append(".listed, ")
          .append(row)
          .append(".pub, ")
          .append(row)
          .append(".status, ")
          .append(delta)
          .append(") ON CONFLICT (level, owner, listed, pub, status) DO UPDATE SET n = n + ")
          .append(delta)
          .append("; ");
    }
    return sb.toString();
  }

  /** The counts of the records already in the table, at one level. */
  private static String countRows(int level, String owner) {
    return "INSERT INTO counts (level, owner, listed, pub, status, n) SELECT "
        + level
        + ", "
        + owner
        + ", listed, pub, status, count(*) FROM files GROUP BY "
        + (level == ALL_OWNERS ? "" : "owner, ")
        + "listed, pub, status";
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
