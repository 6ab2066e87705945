package dev.files.action;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Content type syntax, families and file extensions, shared by upload and processing. */
public final class ContentTypes {
  private static final Pattern SYNTAX =
      Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9*][a-z0-9!#$&^_.+-]{0,126}$");
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("image/jpeg", "jpg"),
          Map.entry("image/png", "png"),
          Map.entry("image/gif", "gif"),
          Map.entry("image/webp", "webp"),
          Map.entry("image/svg+xml", "svg"),
          Map.entry("image/tiff", "tif"),
          Map.entry("image/bmp", "bmp"),
          Map.entry("image/avif", "avif"),
          Map.entry("image/heic", "heic"),
          Map.entry("video/mp4", "mp4"),
          Map.entry("video/quicktime", "mov"),
          Map.entry("video/webm", "webm"),
          Map.entry("audio/mpeg", "mp3"),
          Map.entry("audio/ogg", "ogg"),
          Map.entry("audio/wav", "wav"),
          Map.entry("application/pdf", "pdf"),
          Map.entry("application/zip", "zip"),
          Map.entry("application/json", "json"),
          Map.entry("application/xml", "xml"),
          Map.entry("text/plain", "txt"),
          Map.entry("text/html", "html"),
          Map.entry("text/csv", "csv"),
          Map.entry("text/markdown", "md"));

  private ContentTypes() {}

  /** The type without parameters, lower case: {@code Image/PNG; x=1} is {@code image/png}. */
  public static String base(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    String b = semi < 0 ? contentType : contentType.substring(0, semi);
    return b.trim().toLowerCase(Locale.ROOT);
  }

  /** Whether the value is a syntactically valid {@code type/subtype} (parameters allowed). */
  public static boolean isValid(String contentType) {
    return contentType != null
        && contentType.length() <= 255
        && SYNTAX.matcher(base(contentType)).matches();
  }

  /** The extension objects of this type get when the client's file name has none. */
  public static String extension(String contentType) {
    return EXTENSIONS.getOrDefault(base(contentType), "bin");
  }

  /**
   * The default rule for "the bytes contradict the declared type": an unknown detection ({@code
   * null} or {@code application/octet-stream}) and a declared octet-stream never contradict; the
   * same type never does; textual types (text/*, JSON, XML, SVG, ...) agree with each other;
   * otherwise the top-level types must be equal ({@code image/png} declared, {@code text/plain}
   * found contradicts; {@code image/png} declared, {@code image/x-png} found does not, since
   * detectors name the same format differently).
   */
  public static boolean contradicts(String declared, String detected) {
    String d = base(declared);
    String found = base(detected);
    if (found.isEmpty()
        || found.equals(OCTET_STREAM)
        || d.equals(OCTET_STREAM)
        || d.equals(found)) {
      return false;
    }
    if (isTextual(d) && isTextual(found)) {
      return false;
    }
    return !major(d).equals(major(found));
  }

  static boolean isTextual(String base) {
    return base.startsWith("text/")
        || base.endsWith("+xml")
        || base.endsWith("+json")
        || base.equals("application/json")
        || base.equals("application/xml")
        || base.equals("application/javascript")
        || base.equals("application/x-ndjson");
  }

  private static String major(String base) {
    int slash = base.indexOf('/');
    return slash < 0 ? base : base.substring(0, slash);
  }
}
