package dev.files.action;

import dev.files.blob.ObjectStat;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.Part;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Object names and checks: {@code <owner-hash>/<uploadId>/<uuid>.<ext>} where the owner hash is the
 * first 16 hex digits of SHA-256 of the owner (it spreads owners over prefixes and keeps user names
 * out of object names), and the comparison of a stored object with its declaration.
 */
final class ObjectNames {
  private static final Pattern HEX_MD5 = Pattern.compile("^[0-9a-fA-F]{32}$");
  private static final Pattern EXT = Pattern.compile("^[a-z0-9]{1,10}$");

  private ObjectNames() {}

  static String ownerHash(String owner) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String objectName(String owner, String uploadId, String originalName, String contentType) {
    return ownerHash(owner)
        + "/"
        + uploadId
        + "/"
        + UUID.randomUUID()
        + "."
        + extension(originalName, contentType);
  }

  /** The client's extension when it has a plain one, else one for the content type. */
  static String extension(String originalName, String contentType) {
    if (originalName != null) {
      int dot = originalName.lastIndexOf('.');
      if (dot >= 0) {
        String ext = originalName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (EXT.matcher(ext).matches()) {
          return ext;
        }
      }
    }
    return ContentTypes.extension(contentType);
  }

  /** The extension of an object name (without the dot). */
  static String extensionOf(String objectName) {
    int dot = objectName.lastIndexOf('.');
    return dot < 0 || dot < objectName.lastIndexOf('/') ? "bin" : objectName.substring(dot + 1);
  }

  /** The uploadId inside an object name of ours, or null when the name is not one. */
  static String uploadIdOf(String objectName) {
    if (objectName == null) {
      return null;
    }
    String[] segments = objectName.split("/", -1);
    if (segments.length != 3 || segments[0].length() != 16) {
      return null;
    }
    try {
      return UUID.fromString(segments[1]).toString().equals(segments[1]) ? segments[1] : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isHexMd5(String s) {
    return s != null && HEX_MD5.matcher(s).matches();
  }

  static String hexToBase64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  /**
   * Why the stored object does not match the part's declaration, or null when it does. Storage that
   * reports no MD5 cannot prove the bytes, so that is a mismatch too.
   */
  static String mismatch(Part part, ObjectStat stat) {
    if (stat.size() != part.contentLength()) {
      return "part "
          + part.type()
          + ": size is "
          + stat.size()
          + " bytes, declared "
          + part.contentLength();
    }
    if (stat.md5Base64() == null) {
      return "part " + part.type() + ": storage reports no MD5 to check";
    }
    if (!stat.md5Base64().equals(part.md5Hash())) {
      return "part "
          + part.type()
          + ": MD5 is "
          + stat.md5Base64()
          + ", declared "
          + part.md5Hash();
    }
    return null;
  }

  /** A content failure: the bytes are not what was declared. */
  static FileError invalidContent(String reason) {
    return new FileError(ErrorCode.INVALID_CONTENT, reason);
  }
}
