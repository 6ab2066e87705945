package dev.files.service.process;

import dev.files.action.ContentInspector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The service's {@link ContentInspector}: Apache Tika detects the type from the bytes, and for PNG,
 * JPEG, GIF and WebP the header gives width and height. Runs on a worker thread.
 */
public final class TikaContentInspector implements ContentInspector {
  private final Vertx vertx;
  private final ContentSniffer sniffer = new ContentSniffer();

  public TikaContentInspector(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Inspection> inspect(Buffer head, String declaredType, String name) {
    byte[] bytes = head.getBytes();
    return vertx.executeBlocking(() -> inspect(bytes, name), false);
  }

  /** The inspection of the first bytes of a file named {@code name}. */
  Inspection inspect(byte[] bytes, String name) {
    String type = sniffer.detect(bytes, name);
    return ImageDimensions.read(bytes)
        .map(size -> new Inspection(type, size.width(), size.height()))
        .orElseGet(() -> new Inspection(type, null, null));
  }
}
