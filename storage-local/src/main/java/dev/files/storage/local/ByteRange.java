package dev.files.storage.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a download ({@code Range: bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}),
 * resolved against the object size. Several ranges or a malformed header are ignored (the whole
 * object is served), as RFC 9110 allows.
 *
 * @param start first byte
 * @param end last byte, inclusive
 */
record ByteRange(long start, long end) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  /** Marks a range that no byte of the object satisfies (416). */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range asked for, null for the whole object, or {@link #UNSATISFIABLE}. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0 || size == 0) {
        return UNSATISFIABLE;
      }
      return new ByteRange(Math.max(0, size - suffix), size - 1);
    }
    long start = Long.parseLong(m.group(1));
    long end = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    if (end < start) {
      return null;
    }
    if (start >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(start, Math.min(end, size - 1));
  }

  long length() {
    return end - start + 1;
  }
}
