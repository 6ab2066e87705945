package dev.files.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDimensionsTest {
  static byte[] image(String format, int width, int height) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(img, format, out), format);
    return out.toByteArray();
  }

  @Test
  void readsPngGifAndJpegHeaders() throws Exception {
    assertEquals(
        Optional.of(new ImageDimensions.Size(31, 17)), ImageDimensions.read(image("png", 31, 17)));
    assertEquals(
        Optional.of(new ImageDimensions.Size(40, 3)), ImageDimensions.read(image("gif", 40, 3)));
    assertEquals(
        Optional.of(new ImageDimensions.Size(640, 480)),
        ImageDimensions.read(image("jpg", 640, 480)));
  }

  @Test
  void readsTheThreeWebpFlavours() {
    assertEquals(
        Optional.of(new ImageDimensions.Size(300, 200)), ImageDimensions.read(webpLossy(300, 200)));
    assertEquals(
        Optional.of(new ImageDimensions.Size(1000, 7)),
        ImageDimensions.read(webpLossless(1000, 7)));
    assertEquals(
        Optional.of(new ImageDimensions.Size(5000, 4000)),
        ImageDimensions.read(webpExtended(5000, 4000)));
  }

  @Test
  void truncatedOrForeignBytesGiveNothing() throws Exception {
    byte[] png = image("png", 10, 10);
    assertEquals(Optional.empty(), ImageDimensions.read(Arrays.copyOf(png, 12)));
    assertEquals(Optional.empty(), ImageDimensions.read("hello world, not an image".getBytes()));
    assertEquals(Optional.empty(), ImageDimensions.read(new byte[0]));
  }

  static byte[] webpLossy(int w, int h) {
    byte[] b = riff("VP8 ", 30);
    b[23] = (byte) 0x9d;
    b[24] = 0x01;
    b[25] = 0x2a;
    b[26] = (byte) w;
    b[27] = (byte) (w >> 8);
    b[28] = (byte) h;
    b[29] = (byte) (h >> 8);
    return b;
  }

  static byte[] webpLossless(int w, int h) {
    byte[] b = riff("VP8L", 25);
    b[20] = 0x2f;
    long bits = (w - 1) | ((long) (h - 1) << 14);
    for (int i = 0; i < 4; i++) {
      b[21 + i] = (byte) (bits >> (8 * i));
    }
    return b;
  }

  static byte[] webpExtended(int w, int h) {
    byte[] b = riff("VP8X", 30);
    for (int i = 0; i < 3; i++) {
      b[24 + i] = (byte) ((w - 1) >> (8 * i));
      b[27 + i] = (byte) ((h - 1) >> (8 * i));
    }
    return b;
  }

  private static byte[] riff(String chunk, int length) {
    byte[] b = new byte[length];
    System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
    System.arraycopy("WEBP".getBytes(), 0, b, 8, 4);
    System.arraycopy(chunk.getBytes(), 0, b, 12, 4);
    return b;
  }
}
