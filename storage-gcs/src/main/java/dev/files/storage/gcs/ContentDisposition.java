package dev.files.storage.gcs;

import java.nio.charset.StandardCharsets;

/** The Content-Disposition value that makes browsers save a download under a given name. */
final class ContentDisposition {
  private ContentDisposition() {}

  /**
   * {@code attachment; filename="<ascii>"; filename*=UTF-8''<encoded>} (RFC 6266): the quoted name
   * for old agents with non-ASCII, quotes and control characters replaced, the exact name in {@code
   * filename*}.
   */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c);
    }
    return "attachment; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + rfc5987(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String rfc5987(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean attrChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
