package dev.files.storage.gcs.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.files.blob.ObjectFinalized;
import dev.files.storage.gcs.testing.GcsNotifications;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcsNotificationTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void objectFinalizeBecomesAnObjectFinalizedWithSizeAndMd5FromTheResource() {
    Map<String, String> a = GcsNotifications.attributes("OBJECT_FINALIZE", "b", "o/x.png", 17);
    byte[] data = utf8(GcsNotifications.resource("b", "o/x.png", 17, 1234, "md5==").encode());
    GcsNotification n = GcsNotification.decode(a, data);
    assertEquals(
        new ObjectFinalized("b", "o/x.png", 17L, 1234L, "md5=="),
        assertInstanceOf(GcsNotification.Finalize.class, n).event());
  }

  @Test
  void payloadFormatNoneCarriesNoSizeOrMd5() {
    Map<String, String> a = GcsNotifications.attributes("OBJECT_FINALIZE", "b", "o", 5);
    a.put("payloadFormat", "NONE");
    assertEquals(
        new ObjectFinalized("b", "o", 5L, null, null),
        ((GcsNotification.Finalize) GcsNotification.decode(a, new byte[0])).event());
  }

  @Test
  void bucketObjectAndGenerationFallBackToTheResource() {
    Map<String, String> a = new HashMap<>();
    a.put("eventType", "OBJECT_FINALIZE");
    byte[] data = utf8(GcsNotifications.resource("b", "o", 9, 10, "m").encode());
    assertEquals(
        new ObjectFinalized("b", "o", 9L, 10L, "m"),
        ((GcsNotification.Finalize) GcsNotification.decode(a, data)).event());
  }

  @Test
  void otherEventTypesAreIgnored() {
    for (String type : new String[] {"OBJECT_DELETE", "OBJECT_ARCHIVE", "OBJECT_METADATA_UPDATE"}) {
      Map<String, String> a = GcsNotifications.attributes(type, "b", "o", 1);
      assertEquals(
          new GcsNotification.Other(type),
          GcsNotification.decode(a, utf8(GcsNotifications.resource("b", "o", 1, 1, "m").encode())));
    }
  }

  @Test
  void unreadableMessagesAreMalformed() {
    Map<String, String> good = GcsNotifications.attributes("OBJECT_FINALIZE", "b", "o", 1);
    assertInstanceOf(GcsNotification.Malformed.class, GcsNotification.decode(null, new byte[0]));
    assertInstanceOf(
        GcsNotification.Malformed.class, GcsNotification.decode(Map.of(), new byte[0]));
    assertInstanceOf(
        GcsNotification.Malformed.class, GcsNotification.decode(good, utf8("not json")));
    assertInstanceOf(GcsNotification.Malformed.class, GcsNotification.decode(good, utf8("[1]")));
    Map<String, String> badGeneration = new HashMap<>(good);
    badGeneration.put("objectGeneration", "twelve");
    assertInstanceOf(
        GcsNotification.Malformed.class, GcsNotification.decode(badGeneration, new byte[0]));
    Map<String, String> noObject = new HashMap<>(good);
    noObject.remove("objectId");
    assertInstanceOf(
        GcsNotification.Malformed.class, GcsNotification.decode(noObject, new byte[0]));
    assertInstanceOf(
        GcsNotification.Malformed.class,
        GcsNotification.decode(good, utf8("{\"size\":\"-1\",\"name\":\"o\",\"bucket\":\"b\"}")));
  }
}
