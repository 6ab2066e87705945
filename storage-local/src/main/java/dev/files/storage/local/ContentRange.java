package dev.files.storage.local;

import dev.files.error.FileError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of a resumable upload request: {@code bytes first-last/total} for a
 * chunk, {@code bytes *}{@code /total} for a status query; {@code total} may be {@code *}.
 *
 * @param first first byte of the chunk, null for a status query
 * @param last last byte of the chunk (inclusive), null for a status query
 * @param total the object's size, null when given as {@code *}
 */
record ContentRange(Long first, Long last, Long total) {
  private static final Pattern CHUNK =
      Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
  private static final Pattern QUERY = Pattern.compile("bytes \\*/(\\d{1,18}|\\*)");

  /** Null when the header is absent (the body is the whole object). */
  static ContentRange parse(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    Matcher q = QUERY.matcher(h);
    if (q.matches()) {
      return new ContentRange(null, null, total(q.group(1)));
    }
    Matcher c = CHUNK.matcher(h);
    if (c.matches()) {
      long first = Long.parseLong(c.group(1));
      long last = Long.parseLong(c.group(2));
      if (last < first) {
        throw FileError.validation("Content-Range last byte before first byte", "Content-Range");
      }
      return new ContentRange(first, last, total(c.group(3)));
    }
    throw FileError.validation("malformed Content-Range: " + header, "Content-Range");
  }

  boolean isQuery() {
    return first == null;
  }

  long length() {
    return last - first + 1;
  }

  private static Long total(String s) {
    return s.equals("*") ? null : Long.parseLong(s);
  }
}
