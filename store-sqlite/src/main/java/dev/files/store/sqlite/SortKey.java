package dev.files.store.sqlite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings as byte keys whose byte order is Java's {@link String#compareTo} order (UTF-16 code
 * units), which the store contract requires. SQLite compares TEXT by UTF-8 bytes, i.e. by code
 * point, which puts U+E000..U+FFFF before the supplementary characters where UTF-16 puts them
 * after; BLOBs compare with memcmp, so big-endian UTF-16 bytes order exactly like the code units. A
 * leading marker byte keeps the key of the empty string a non-empty BLOB.
 */
final class SortKey {
  private static final byte MARKER = 1;

  private SortKey() {}

  static byte[] of(String s) {
    byte[] utf16 = s.getBytes(StandardCharsets.UTF_16BE);
    byte[] key = new byte[utf16.length + 1];
    key[0] = MARKER;
    System.arraycopy(utf16, 0, key, 1, utf16.length);
    return key;
  }

  static String text(byte[] key) {
    return new String(Arrays.copyOfRange(key, 1, key.length), StandardCharsets.UTF_16BE);
  }
}
