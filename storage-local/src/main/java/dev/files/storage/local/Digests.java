package dev.files.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * MD5, CRC32C and byte count of a stream, updated as the bytes go by. Not thread-safe: each part is
 * updated by one thread at a time, and read once the updates are done.
 */
final class Digests {
  private final MessageDigest md5;
  private final CRC32C crc32c = new CRC32C();
  private long count;

  Digests() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** The digests of the first {@code length} bytes of a file. Blocking. */
  static Digests ofFilePrefix(Path file, long length) throws IOException {
    Digests d = new Digests();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      long left = length;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("file is shorter than " + length + " bytes: " + file);
        }
        d.update(buf, 0, n);
        left -= n;
      }
    }
    return d;
  }

  void update(byte[] bytes, int offset, int length) {
    md5.update(bytes, offset, length);
    crc32c.update(bytes, offset, length);
    count += length;
  }

  /**
   * Adds the bytes to the MD5 and the count. With {@link #updateCrc32c} it may run on another
   * thread than this at the same time: the two touch separate state.
   */
  void updateMd5(ByteBuffer bytes) {
    count += bytes.remaining();
    md5.update(bytes);
  }

  /** Adds the bytes to the CRC32C (see {@link #updateMd5}). */
  void updateCrc32c(ByteBuffer bytes) {
    crc32c.update(bytes);
  }

  long count() {
    return count;
  }

  /** Base64 of the MD5 so far; the state stays usable. */
  String md5Base64() {
    try {
      MessageDigest copy = (MessageDigest) md5.clone();
      return Base64.getEncoder().encodeToString(copy.digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("MD5 digest cannot be cloned", e);
    }
  }

  /** Base64 of the big-endian CRC32C so far, as GCS reports it. */
  String crc32cBase64() {
    byte[] be = ByteBuffer.allocate(4).putInt((int) crc32c.getValue()).array();
    return Base64.getEncoder().encodeToString(be);
  }
}
