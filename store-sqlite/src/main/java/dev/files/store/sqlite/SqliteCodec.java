package dev.files.store.sqlite;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Record to row and back: the indexed columns of every built-in queryable field, the derived
 * visibility columns and the JSON of the whole record in {@code files}; tags and custom fields in
 * their side tables. Reads decode only the JSON.
 */
final class SqliteCodec {
  private static final List<Column> KEYED =
      Stream.of(Column.values()).filter(c -> c.keyed).toList();

  private static final String INSERT =
      "INSERT INTO files ("
          + Stream.of(Column.values()).map(Column::quoted).collect(Collectors.joining(", "))
          + KEYED.stream().map(c -> ", " + c.sortQuoted()).collect(Collectors.joining())
          + ", listed, pub, doc) VALUES ("
          + "?, ".repeat(Column.values().length + KEYED.size())
          + "?, ?, ?)";

  /** Every column but uploadId and owner, which never change; then the compare-and-set guard. */
  private static final String UPDATE =
      "UPDATE files SET "
          + Stream.of(Column.values())
              .filter(c -> c != Column.UPLOAD_ID && c != Column.OWNER)
              .map(c -> c.quoted() + " = ?")
              .collect(Collectors.joining(", "))
          + KEYED.stream()
              .filter(c -> c != Column.OWNER)
              .map(c -> ", " + c.sortQuoted() + " = ?")
              .collect(Collectors.joining())
          + ", listed = ?, pub = ?, doc = ? WHERE uploadId = ? AND version = ? AND owner = ?";

  private SqliteCodec() {}

  /** Inserts the record's row; its side rows follow with {@link #insertSideRows}. */
  static void insert(Connection conn, FileRecord r) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
      int i = 1;
      for (Column c : Column.values()) {
        bind(ps, i++, r.field(c.field));
      }
      for (Column c : KEYED) {
        bind(ps, i++, sortValue(c, r));
      }
      bindDerived(ps, i, r);
      ps.executeUpdate();
    }
  }

  /**
   * Replaces the row if it is at {@code expectedVersion} and belongs to the record's owner.
   *
   * @return whether a row was replaced
   */
  static boolean update(Connection conn, FileRecord r, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(UPDATE)) {
      int i = 1;
      for (Column c : Column.values()) {
        if (c != Column.UPLOAD_ID && c != Column.OWNER) {
          bind(ps, i++, r.field(c.field));
        }
      }
      for (Column c : KEYED) {
        if (c != Column.OWNER) {
          bind(ps, i++, sortValue(c, r));
        }
      }
      i = bindDerived(ps, i, r);
      ps.setString(i++, r.uploadId());
      ps.setLong(i++, expectedVersion);
      ps.setString(i, r.owner());
      return ps.executeUpdate() == 1;
    }
  }

  static void insertSideRows(Connection conn, FileRecord r) throws SQLException {
    if (!r.tags().isEmpty()) {
      try (PreparedStatement ps =
          conn.prepareStatement("INSERT OR IGNORE INTO tags (uploadId, tag) VALUES (?, ?)")) {
        for (String tag : r.tags()) {
          ps.setString(1, r.uploadId());
          ps.setString(2, tag);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!r.custom().isEmpty()) {
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT INTO custom (uploadId, field, kind, v) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<String, Object> e : r.custom().entrySet()) {
          ps.setString(1, r.uploadId());
          ps.setString(2, e.getKey());
          ps.setInt(3, Kind.of(e.getValue()).tag);
          bind(ps, 4, Kind.sortValue(e.getValue()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  static void deleteSideRows(Connection conn, String uploadId) throws SQLException {
    for (String table : new String[] {"tags", "custom"}) {
      try (PreparedStatement ps =
          conn.prepareStatement("DELETE FROM " + table + " WHERE uploadId = ?")) {
        ps.setString(1, uploadId);
        ps.executeUpdate();
      }
    }
  }

  /** The record stored in a row's {@code doc} column. */
  static FileRecord decode(String doc) {
    return FileRecordJson.fromJson(new JsonObject(doc));
  }

  /** Binds a normalised value (or null); booleans as 0/1. */
  static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    Object v = value == null ? null : Kind.sqlValue(value);
    if (v == null) {
      ps.setNull(index, java.sql.Types.NULL);
    } else if (v instanceof Long l) {
      ps.setLong(index, l);
    } else if (v instanceof Double d) {
      ps.setDouble(index, d);
    } else if (v instanceof String s) {
      ps.setString(index, s);
    } else if (v instanceof byte[] bytes) {
      ps.setBytes(index, bytes);
    } else if (v instanceof Integer n) {
      ps.setInt(index, n);
    } else {
      throw new IllegalArgumentException("cannot bind " + v.getClass().getSimpleName());
    }
  }

  private static Object sortValue(Column c, FileRecord r) {
    Object v = r.field(c.field);
    return v == null ? null : c.sortValue(v);
  }

  private static int bindDerived(PreparedStatement ps, int i, FileRecord r) throws SQLException {
    ps.setInt(i++, r.listed() ? 1 : 0);
    ps.setInt(i++, r.publiclyListed() ? 1 : 0);
    ps.setString(i++, FileRecordJson.toJson(r).encode());
    return i;
  }
}
