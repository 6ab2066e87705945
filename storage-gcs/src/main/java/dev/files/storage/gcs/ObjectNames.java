package dev.files.storage.gcs;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of bucket and object names in URLs. */
final class ObjectNames {
  private ObjectNames() {}

  /** Encodes everything but unreserved characters and {@code /} (object paths in XML URLs). */
  static String encodePath(String name) {
    return encode(name, true);
  }

  /** Encodes everything but unreserved characters ({@code /} too: JSON API path segments). */
  static String encodeSegment(String name) {
    return encode(name, false);
  }

  private static String encode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (unreserved(c) || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
