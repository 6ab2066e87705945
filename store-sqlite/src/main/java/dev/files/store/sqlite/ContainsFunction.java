package dev.files.store.sqlite;

import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;

/**
 * {@code files_contains(value, foldedText)}: 1 when value is a string (TEXT, or a {@link SortKey}
 * BLOB) that contains foldedText case-insensitively, Unicode-aware, exactly as {@link
 * dev.files.store.query.Values#contains}; SQLite's own LIKE and lower() fold ASCII only. The caller
 * folds the text once.
 */
final class ContainsFunction extends Function {
  private static final int SQLITE_TEXT = 3;
  private static final int SQLITE_BLOB = 4;

  @Override
  protected void xFunc() throws SQLException {
    int type = value_type(0);
    String value =
        type == SQLITE_TEXT
            ? value_text(0)
            : type == SQLITE_BLOB ? SortKey.text(value_blob(0)) : null;
    if (value == null || value_type(1) != SQLITE_TEXT) {
      result(0);
      return;
    }
    result(value.toLowerCase(Locale.ROOT).contains(value_text(1)) ? 1 : 0);
  }
}
