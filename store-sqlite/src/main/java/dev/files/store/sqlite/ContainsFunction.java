package dev.files.store.sqlite;

import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;

/**
 * {@code files_contains(value, foldedText)}: 1 when value is a string that contains foldedText
 * case-insensitively, Unicode-aware, exactly as {@link dev.files.store.query.Values#contains};
 * SQLite's own LIKE and lower() fold ASCII only. The caller folds the text once.
 */
final class ContainsFunction extends Function {
  private static final int SQLITE_TEXT = 3;

  @Override
  protected void xFunc() throws SQLException {
    if (value_type(0) != SQLITE_TEXT || value_type(1) != SQLITE_TEXT) {
      result(0);
      return;
    }
    String value = value_text(0);
    result(value.toLowerCase(Locale.ROOT).contains(value_text(1)) ? 1 : 0);
  }
}
