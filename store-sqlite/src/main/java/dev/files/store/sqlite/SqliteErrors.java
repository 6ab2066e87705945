package dev.files.store.sqlite;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import java.sql.SQLException;

/**
 * Translates SQLite's failures into {@link FileError}, once, at the edge of the backend: a unique
 * constraint on uploadId is {@code conflict}, on (owner, alias) {@code alias-taken}; a locked or
 * unreachable database is {@code unavailable}; anything else {@code internal}.
 */
final class SqliteErrors {
  // Primary result codes (the low byte of SQLite's extended codes).
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int CONSTRAINT = 19;

  private SqliteErrors() {}

  /**
   * The FileError for a failure of an operation on a record.
   *
   * @param uploadId the record concerned, for the message; may be null
   * @param alias the alias the operation wrote, for the message; may be null
   */
  static FileError translate(Throwable t, String uploadId, String alias) {
    if (t instanceof FileError fe) {
      return fe;
    }
    if (!(t instanceof SQLException e)) {
      return FileError.of(t);
    }
    int primary = e.getErrorCode() & 0xff;
    String message = String.valueOf(e.getMessage());
    return switch (primary) {
      case CONSTRAINT -> constraint(e, message, uploadId, alias);
      case BUSY, LOCKED ->
          FileError.unavailable("the sqlite database is locked by another writer", e);
      case READONLY, IOERR, FULL, CANTOPEN ->
          FileError.unavailable("the sqlite database cannot be written or read", e);
      default -> new FileError(ErrorCode.INTERNAL, "sqlite: " + message, e);
    };
  }

  private static FileError constraint(
      SQLException e, String message, String uploadId, String alias) {
    if (message.contains("files.alias")) {
      return FileError.aliasTaken(alias);
    }
    if (message.contains("files.uploadId")) {
      return new FileError(ErrorCode.CONFLICT, "record " + uploadId + " exists", e);
    }
    return new FileError(ErrorCode.INTERNAL, "sqlite constraint: " + message, e);
  }
}
