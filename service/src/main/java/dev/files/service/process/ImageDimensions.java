package dev.files.service.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads an image's width and height from the first bytes of its file: PNG (IHDR), GIF (logical
 * screen), JPEG (the first SOF segment) and WebP (VP8, VP8L, VP8X). Nothing is decoded.
 */
public final class ImageDimensions {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageDimensions() {}

  /** Width and height in pixels. */
  public record Size(int width, int height) {}

  /** The size, when the bytes start like a supported image and hold enough of the header. */
  public static Optional<Size> read(byte[] head) {
    try {
      if (startsWith(head, PNG, 0)) {
        return png(head);
      }
      if (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a")) {
        return positive(u16le(head, 6), u16le(head, 8));
      }
      if (head.length > 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
        return jpeg(head);
      }
      if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
        return webp(head);
      }
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Size> png(byte[] b) {
    if (!ascii(b, 12, 4).equals("IHDR")) {
      return Optional.empty();
    }
    return positive(u32be(b, 16), u32be(b, 20));
  }

  private static Optional<Size> jpeg(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & 0xff) != 0xff) {
        return Optional.empty();
      }
      int marker = b[i + 1] & 0xff;
      if (marker == 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      int length = u16be(b, i + 2);
      if (isStartOfFrame(marker)) {
        return positive(u16be(b, i + 7), u16be(b, i + 5));
      }
      if (marker == 0xda || marker == 0xd9) {
        return Optional.empty(); // image data or end before any frame header
      }
      i += 2 + length;
    }
    return Optional.empty();
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  private static Optional<Size> webp(byte[] b) {
    String chunk = ascii(b, 12, 4);
    switch (chunk) {
      case "VP8 " -> {
        if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
          return Optional.empty();
        }
        return positive(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
      }
      case "VP8L" -> {
        if ((b[20] & 0xff) != 0x2f) {
          return Optional.empty();
        }
        long bits = u32le(b, 21);
        return positive((int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1);
      }
      case "VP8X" -> {
        return positive(u24le(b, 24) + 1, u24le(b, 27) + 1);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<Size> positive(long width, long height) {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new Size((int) width, (int) height));
  }

  private static boolean startsWith(byte[] b, byte[] prefix, int at) {
    return b.length >= at + prefix.length
        && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static String ascii(byte[] b, int at, int length) {
    return b.length < at + length ? "" : new String(b, at, length, StandardCharsets.ISO_8859_1);
  }

  private static int u16le(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int u16be(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static int u24le(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
  }

  private static long u32le(byte[] b, int at) {
    return (long) u16le(b, at) | (long) u16le(b, at + 2) << 16;
  }

  private static long u32be(byte[] b, int at) {
    return (long) u16be(b, at) << 16 | u16be(b, at + 2);
  }
}
