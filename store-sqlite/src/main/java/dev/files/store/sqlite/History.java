package dev.files.store.sqlite;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code history} table: statements that run inside a write's transaction (append with
 * retention, purge) and the read of one record's entries.
 */
final class History {
  private History() {}

  /**
   * Inserts the entry and deletes what the retention drops: entries older than its age, and those
   * whose version is not among the newest {@code maxEntries} (versions are unique per record).
   */
  static void append(Connection conn, String uploadId, HistoryEntry entry, WriteContext context)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO history (uploadId, version, at, entry) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, uploadId);
      ps.setLong(2, entry.versionAfter());
      ps.setLong(3, entry.at());
      ps.setString(4, entry.encode());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "DELETE FROM history WHERE uploadId = ? AND (at < ? OR version <= ?)")) {
      ps.setString(1, uploadId);
      ps.setLong(2, context.retention().oldestKept(entry.at()));
      ps.setLong(3, entry.versionAfter() - context.retention().maxEntries());
      ps.executeUpdate();
    }
  }

  static void purge(Connection conn, String uploadId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM history WHERE uploadId = ?")) {
      ps.setString(1, uploadId);
      ps.executeUpdate();
    }
  }

  /** The stored record, or null (the update that follows then fails with not-found). */
  static FileRecord current(Connection conn, String uploadId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT doc FROM files WHERE uploadId = ?")) {
      ps.setString(1, uploadId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? SqliteCodec.decode(rs.getString(1)) : null;
      }
    }
  }

  static List<HistoryEntry> read(Connection conn, String uploadId, long afterVersion, int limit)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM files WHERE uploadId = ?")) {
      ps.setString(1, uploadId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw FileError.notFound("no file " + uploadId);
        }
      }
    }
    List<HistoryEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT entry FROM history WHERE uploadId = ? AND version > ?"
                + " ORDER BY version LIMIT ?")) {
      ps.setString(1, uploadId);
      ps.setLong(2, afterVersion);
      ps.setInt(3, Math.max(0, limit));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(HistoryEntry.decode(rs.getString(1)));
        }
      }
    }
    return out;
  }
}
