package dev.files.service.faults;

import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * One upload of a kill test: the bytes it sends and what the client saw of it. Written by one
 * client thread, read by the test after every client has finished.
 */
final class KillUpload {
  final int index;
  final byte[] bytes;
  final String md5Hex;

  /** files.upload was sent. */
  volatile boolean started;

  /** The uploadId, once files.upload answered 200. */
  volatile String uploadId;

  /** Where and how to PUT the bytes: files.upload's part (location, headers). */
  volatile JsonObject part;

  /** The PUT's HTTP status, 0 while (or when) it has none. */
  volatile int putStatus;

  /** The status of the client's PUT retried after the restart, 0 when not retried. */
  volatile int retryStatus;

  /** What broke the upload off, when something did. */
  volatile String failure;

  KillUpload(int index, byte[] bytes) {
    this.index = index;
    this.bytes = bytes;
    this.md5Hex = md5Hex(bytes);
  }

  /** Random bytes of a random size in {@code [minSize, maxSize]}. */
  static KillUpload random(int index, SplittableRandom random, int minSize, int maxSize) {
    byte[] bytes = new byte[random.nextInt(minSize, maxSize + 1)];
    random.nextBytes(bytes);
    return new KillUpload(index, bytes);
  }

  boolean acknowledged() {
    return uploadId != null;
  }

  /** The storage answered the PUT with a 2xx: the client may forget the bytes. */
  boolean putCompleted() {
    return putStatus >= 200 && putStatus < 300;
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
