package dev.files.action;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Looks at an object's first bytes and says what they are. The service implements it with Apache
 * Tika (off the event loop); tests use a trivial one. files.process calls it once per part.
 */
public interface ContentInspector {

  /**
   * What the bytes are.
   *
   * @param head the first bytes of the object (up to {@link ActionOptions#headBytes()})
   * @param declaredType the content type the uploader declared
   * @param name the object's name (its extension may help detection)
   */
  Future<Inspection> inspect(Buffer head, String declaredType, String name);

  /**
   * Whether a detected type contradicts the declared one, which fails processing. The default is
   * {@link ContentTypes#contradicts}; an implementation with a type registry (aliases,
   * specialisations) may know better.
   */
  default boolean contradicts(String declaredType, String detectedType) {
    return ContentTypes.contradicts(declaredType, detectedType);
  }

  /**
   * What inspection found.
   *
   * @param contentType the detected content type; null or {@code application/octet-stream} when
   *     nothing specific was recognised
   * @param width image width in pixels, or null when not an image or unknown
   * @param height image height in pixels, or null
   */
  record Inspection(String contentType, Integer width, Integer height) {
    public static Inspection unknown() {
      return new Inspection(null, null, null);
    }
  }
}
