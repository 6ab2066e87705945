package dev.files.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentSnifferTest {
  private final ContentSniffer sniffer = new ContentSniffer();

  @Test
  void detectsFromTheBytesNotTheName() throws Exception {
    assertEquals("image/png", sniffer.detect(ImageDimensionsTest.image("png", 2, 2), "x.jpg"));
    assertEquals("image/jpeg", sniffer.detect(ImageDimensionsTest.image("jpg", 2, 2), "x.bin"));
    assertEquals("image/gif", sniffer.detect(ImageDimensionsTest.image("gif", 2, 2), null));
    assertEquals("image/webp", sniffer.detect(ImageDimensionsTest.webpExtended(2, 2), null));
    assertEquals("application/pdf", sniffer.detect("%PDF-1.7\n%âãÏÓ\n".getBytes(), "doc"));
  }

  @Test
  void unknownBytesAreOctetStream() {
    assertEquals("application/octet-stream", sniffer.detect(new byte[] {0, 1, 2, 3, 4, 5}, null));
  }
}
