package dev.files.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound parameters in textual order. Values only ever enter SQL as
 * parameters; the text holds identifiers and operators of this package's own making.
 */
final class Sql {
  private final StringBuilder text = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  static Sql of(String text) {
    return new Sql().add(text);
  }

  Sql add(String more) {
    text.append(more);
    return this;
  }

  Sql add(Sql more) {
    text.append(more.text);
    params.addAll(more.params);
    return this;
  }

  /** Appends a placeholder bound to a normalised value (booleans become 0/1). */
  Sql param(Object value) {
    text.append('?');
    params.add(value);
    return this;
  }

  /** Appends {@code (?, ?, ...)} bound to the values. */
  Sql params(List<?> values) {
    text.append('(');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      param(values.get(i));
    }
    text.append(')');
    return this;
  }

  PreparedStatement prepare(Connection conn) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(text.toString());
    try {
      for (int i = 0; i < params.size(); i++) {
        SqliteCodec.bind(ps, i + 1, params.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return text + " " + params;
  }
}
