package dev.files.storage.local;

import dev.files.error.FileError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Bucket and object name rules. They keep every name inside its bucket directory: no {@code ..} or
 * {@code .} segments, no absolute names, no empty segments, no backslash, NUL or control
 * characters, no segment longer than a file name may be, and the normalized path must stay under
 * the bucket directory.
 */
final class BlobNames {
  /** The path segment of resumable session URLs; no bucket may be called so. */
  static final String SESSION_SEGMENT = "upload";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final int MAX_OBJECT_BYTES = 1024;

  /**
   * Each segment is a file or directory name on disk (the sidecar adds {@code .json}): common file
   * systems allow 255 bytes, beyond which the disk, not the client, would fail.
   */
  private static final int MAX_SEGMENT_BYTES = 250;

  private BlobNames() {}

  static void checkBucket(String bucket) {
    if (bucket == null
        || !BUCKET.matcher(bucket).matches()
        || bucket.contains("..")
        || bucket.equals(SESSION_SEGMENT)) {
      throw FileError.validation("invalid bucket name", "bucket");
    }
  }

  static void checkObject(String object) {
    if (object == null || object.isEmpty()) {
      throw FileError.validation("object name is empty", "object");
    }
    if (object.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_BYTES) {
      throw FileError.validation("object name is longer than 1024 bytes", "object");
    }
    for (int i = 0; i < object.length(); i++) {
      char c = object.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw FileError.validation("object name has a forbidden character", "object");
      }
    }
    for (String segment : object.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw FileError.validation("object name has an empty, '.' or '..' segment", "object");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw FileError.validation(
            "object name has a segment longer than " + MAX_SEGMENT_BYTES + " bytes", "object");
      }
    }
  }

  /** The file under {@code base/bucket} for the object, checked to stay inside it. */
  static Path resolve(Path base, String bucket, String object) {
    checkBucket(bucket);
    checkObject(object);
    Path bucketDir = base.resolve(bucket).normalize();
    Path file = bucketDir.resolve(object).normalize();
    if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
      throw FileError.validation("object name escapes its bucket", "object");
    }
    return file;
  }
}
