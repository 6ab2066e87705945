package dev.files.store.query;

import java.util.Locale;

/** How normalised field values (String, Long, Double, Boolean) compare, for every backend. */
public final class Values {
  private Values() {}

  /** Equal value of the same kind; numbers compare numerically (3 equals 3.0). */
  public static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    return a.equals(b);
  }

  /**
   * Order of two values of one kind: numbers numerically, strings by UTF-16 code units, false
   * before true. Null when the kinds differ or either is missing (the operator then fails).
   */
  public static Integer compareSameKind(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    return null;
  }

  /**
   * Total order for sorting: missing first, then booleans, numbers, strings (the order of CouchDB's
   * collation for these types), each by {@link #compareSameKind}.
   */
  public static int compareForSort(Object a, Object b) {
    int ka = kind(a);
    int kb = kind(b);
    if (ka != kb) {
      return Integer.compare(ka, kb);
    }
    if (a == null) {
      return 0;
    }
    return compareSameKind(a, b);
  }

  /** Case-insensitive substring; false for non-strings. */
  public static boolean contains(Object value, String text) {
    return value instanceof String s
        && s.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  private static int kind(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Number) {
      return 2;
    }
    return 3;
  }

  private static int compareNumbers(Number x, Number y) {
    if (x instanceof Long a && y instanceof Long b) {
      return Long.compare(a, b);
    }
    return Double.compare(x.doubleValue(), y.doubleValue());
  }
}
