package dev.files.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Members of the sort indexes: an order-preserving byte encoding of a field value, a NUL, then the
 * uploadId. All members share score 0, so Redis orders them bytewise (ZRANGEBYLEX) exactly as
 * {@link dev.files.store.query.Values#compareForSort} orders the values, ties by uploadId:
 *
 * <ul>
 *   <li>missing {@code 0}; boolean {@code 1} + {@code 0|1}; number {@code 2} + 16 hex digits of the
 *       long with its sign bit flipped (a fraction, only possible for custom or cursor values, adds
 *       {@code \u0001} + the fraction's bits); string {@code 3} + the string's UTF-8 with chars
 *       below U+0010 escaped as {@code \u0001, 0x10 + c}, so NUL stays free as the separator.
 * </ul>
 *
 * Known difference: strings compare by UTF-8 bytes here and by UTF-16 code units in Java; they
 * differ only between supplementary characters and U+E000..U+FFFF.
 */
final class SortKey {
  private SortKey() {}

  /** Bytewise order of members, as Redis compares them. */
  static final Comparator<String> BYTES =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  static String member(Object value, String uploadId) {
    return value(value) + '\0' + uploadId;
  }

  static String uploadIdOf(String member) {
    return member.substring(member.lastIndexOf('\0') + 1);
  }

  static String value(Object v) {
    if (v == null) {
      return "0";
    }
    if (v instanceof Boolean b) {
      return b ? "11" : "10";
    }
    if (v instanceof Long l) {
      return "2" + hex(l);
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return "2" + hex(Long.MAX_VALUE) + "\u0001" + hex(Long.MAX_VALUE);
      }
      double floor = Math.floor(d);
      long whole = (long) floor; // saturates for values beyond the long range
      double fraction = d - floor;
      return fraction == 0 || Double.isInfinite(d)
          ? "2" + hex(whole)
          : "2" + hex(whole) + "\u0001" + Long.toHexString(Double.doubleToLongBits(fraction));
    }
    return "3" + escape(v.toString());
  }

  private static String hex(long l) {
    String h = Long.toHexString(l ^ Long.MIN_VALUE);
    return "0".repeat(16 - h.length()) + h;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x10) {
        b.append('\u0001').append((char) (0x10 + c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
