package dev.files.service.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.Tika;

/**
 * What the first bytes of a file are, by Apache Tika's magic-byte detection (the name's extension
 * only breaks ties Tika cannot settle from the bytes). Blocking CPU work: call it off the event
 * loop.
 */
public final class ContentSniffer {
  private final Tika tika = new Tika();

  /** Loads Tika's type registry now (about a second), not on the first upload. */
  public ContentSniffer() {
    tika.detect(new byte[] {0});
  }

  /** The detected media type, {@code application/octet-stream} when nothing matched. */
  public String detect(byte[] head, String name) {
    try {
      return tika.detect(new ByteArrayInputStream(head), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
