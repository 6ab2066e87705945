package dev.files.bench;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Deterministic incompressible upload content of any size, generated in 1 MiB chunks (one random
 * block, each chunk stamped with its index) so nothing the size of the upload is held in memory.
 */
final class Content {
  static final int CHUNK = 1 << 20;
  private final long size;
  private final byte[] block = new byte[CHUNK];

  Content(long size, long seed) {
    this.size = size;
    new SplittableRandom(seed).nextBytes(block);
  }

  long size() {
    return size;
  }

  /** Fills {@code buf} (CHUNK bytes) with chunk {@code index}; returns its length. */
  int chunk(long index, byte[] buf) {
    System.arraycopy(block, 0, buf, 0, CHUNK);
    for (int b = 0; b < 8; b++) {
      buf[b] = (byte) (index >>> (8 * b));
    }
    return (int) Math.min(CHUNK, size - index * CHUNK);
  }

  long chunks() {
    return (size + CHUNK - 1) / CHUNK;
  }

  /** The MD5 of the content: [hex, base64]. */
  String[] md5() {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      byte[] buf = new byte[CHUNK];
      for (long k = 0; k < chunks(); k++) {
        md.update(buf, 0, chunk(k, buf));
      }
      byte[] d = md.digest();
      return new String[] {HexFormat.of().formatHex(d), Base64.getEncoder().encodeToString(d)};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The content as a stream. */
  InputStream stream() {
    return new InputStream() {
      private final byte[] buf = new byte[CHUNK];
      private long next;
      private int pos;
      private int len;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int n) {
        if (pos == len) {
          if (next >= chunks()) {
            return -1;
          }
          len = chunk(next++, buf);
          pos = 0;
        }
        int k = Math.min(n, len - pos);
        System.arraycopy(buf, pos, b, off, k);
        pos += k;
        return k;
      }
    };
  }
}
