package dev.files.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content type rules and object names. */
class ContentTypesTest {

  @Test
  void contradictions() {
    assertTrue(ContentTypes.contradicts("image/png", "text/plain"));
    assertTrue(ContentTypes.contradicts("text/plain", "application/pdf"));
    assertTrue(ContentTypes.contradicts("application/pdf", "image/jpeg"));
    assertFalse(ContentTypes.contradicts("image/png", "image/png"));
    assertFalse(ContentTypes.contradicts("image/png", "image/x-png"));
    assertFalse(ContentTypes.contradicts("Image/PNG; q=1", "image/png"));
    assertFalse(ContentTypes.contradicts("application/json", "text/plain"));
    assertFalse(ContentTypes.contradicts("image/svg+xml", "application/xml"));
    assertFalse(ContentTypes.contradicts("image/png", "application/octet-stream"));
    assertFalse(ContentTypes.contradicts("image/png", null));
    assertFalse(ContentTypes.contradicts("application/octet-stream", "image/png"));
  }

  @Test
  void allowedPatterns() {
    ActionOptions o =
        ActionOptions.builder().allowedContentTypes(List.of("image/*", "application/pdf")).build();
    assertTrue(o.allows("image/png"));
    assertTrue(o.allows("application/pdf; x=y"));
    assertFalse(o.allows("application/zip"));
    assertFalse(o.allows("imagex/png"));
    assertTrue(ActionOptions.defaults().allows("anything/at-all"));
  }

  @Test
  void objectNames() {
    String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    String name = ObjectNames.objectName("alice", id, "Photo.JPEG", "image/jpeg");
    assertTrue(name.matches("^[0-9a-f]{16}/" + id + "/[0-9a-f-]{36}\\.jpeg$"), name);
    assertEquals(id, ObjectNames.uploadIdOf(name));
    assertEquals("jpeg", ObjectNames.extensionOf(name));
    assertEquals("jpg", ObjectNames.extension("no-extension", "image/jpeg"));
    assertEquals("bin", ObjectNames.extension("weird.ext!", "application/x-thing"));
    assertNull(ObjectNames.uploadIdOf("a/b/c"));
    assertNull(ObjectNames.uploadIdOf(ObjectNames.ownerHash("x") + "/not-a-uuid/x.png"));
    assertEquals(ObjectNames.ownerHash("alice"), ObjectNames.ownerHash("alice"));
    assertEquals(16, ObjectNames.ownerHash("bob").length());
  }
}
