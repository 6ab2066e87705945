package dev.files.service.process;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.action.ContentInspector.Inspection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TikaContentInspectorTest {
  private static Vertx vertx;
  private static TikaContentInspector inspector;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    inspector = new TikaContentInspector(vertx);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static Inspection inspect(byte[] bytes, String declared, String name) {
    return await(inspector.inspect(Buffer.buffer(bytes), declared, name));
  }

  @Test
  void imagesGetTheirTypeAndSize() throws Exception {
    assertEquals(
        new Inspection("image/png", 31, 17),
        inspect(ImageDimensionsTest.image("png", 31, 17), "image/png", "a.png"));
    assertEquals(
        new Inspection("image/jpeg", 20, 10),
        inspect(ImageDimensionsTest.image("jpg", 20, 10), "image/jpeg", "a.jpg"));
    assertEquals(
        new Inspection("image/gif", 3, 4),
        inspect(ImageDimensionsTest.image("gif", 3, 4), "image/gif", "a.gif"));
    assertEquals(
        new Inspection("image/webp", 300, 200),
        inspect(ImageDimensionsTest.webpLossy(300, 200), "image/webp", "a.webp"));
  }

  @Test
  void otherContentHasATypeButNoSize() {
    Inspection text = inspect("hello, plain words\n".repeat(10).getBytes(), "image/png", "x.png");
    assertEquals("text/plain", text.contentType());
    assertNull(text.width());
    assertEquals(true, inspector.contradicts("image/png", text.contentType()));
  }
}
