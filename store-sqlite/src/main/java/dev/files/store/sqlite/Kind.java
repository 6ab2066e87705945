package dev.files.store.sqlite;

/**
 * The kind of a normalised value, as stored in the {@code kind} column of custom fields. The tags
 * follow the sort order of {@link dev.files.store.query.Values#compareForSort}: booleans before
 * numbers before strings, so {@code ORDER BY kind, v} is the reference order.
 */
enum Kind {
  BOOLEAN(1),
  NUMBER(2),
  STRING(3);

  final int tag;

  Kind(int tag) {
    this.tag = tag;
  }

  /** The kind of a normalised value (String, Long, Double or Boolean). */
  static Kind of(Object value) {
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Number) {
      return NUMBER;
    }
    if (value instanceof String) {
      return STRING;
    }
    throw new IllegalArgumentException("not a normalised value: " + value);
  }

  /**
   * The value as SQLite stores it in a plain column: booleans become 0 and 1 (told apart from
   * numbers by the kind or by the column), numbers and strings stay.
   */
  static Object sqlValue(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return value;
  }

  /**
   * The value as SQLite orders it like the reference: strings become their {@link SortKey}, the
   * rest as {@link #sqlValue}.
   */
  static Object sortValue(Object value) {
    if (value instanceof String s) {
      return SortKey.of(s);
    }
    return sqlValue(value);
  }
}
