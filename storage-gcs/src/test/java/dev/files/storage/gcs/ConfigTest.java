package dev.files.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.storage.gcs.pubsub.PubSubConfig;
import dev.files.storage.gcs.pubsub.PushAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void storageSectionIsRead() {
    JsonObject storage =
        new JsonObject()
            .put("type", "gcs")
            .put("bucket", "b")
            .put("project", "p")
            .put("credentialsFile", "/k.json")
            .put("host", "http://127.0.0.1:1234/")
            .put("uniformBucketLevelAccess", true)
            .put("publicUrlBase", "https://cdn.example/");
    GcsConfig c = GcsConfig.fromJson(storage);
    assertEquals(
        new GcsConfig("b", "p", "/k.json", "http://127.0.0.1:1234", true, "https://cdn.example"),
        c);
    assertEquals("https://cdn.example", c.effectivePublicUrlBase());

    GcsConfig plain = GcsConfig.fromJson(new JsonObject().put("bucket", "b"));
    assertEquals(GcsConfig.GOOGLE_HOST, plain.effectiveHost());
    assertEquals(GcsConfig.GOOGLE_HOST, plain.effectivePublicUrlBase());
    assertFalse(plain.uniformBucketLevelAccess());
    assertThrows(NullPointerException.class, () -> GcsConfig.fromJson(new JsonObject()));
  }

  @Test
  void pubsubSectionInheritsProjectAndCredentials() {
    JsonObject storage =
        new JsonObject()
            .put("bucket", "b")
            .put("project", "p")
            .put("credentialsFile", "/k.json")
            .put(
                "pubsub",
                new JsonObject()
                    .put("subscription", "files-pull")
                    .put("pushToken", "t")
                    .put("emulatorHost", "127.0.0.1:8085")
                    .put("maxOutstandingMessages", 5));
    PubSubConfig c = PubSubConfig.fromJson(storage);
    assertEquals("projects/p/subscriptions/files-pull", c.subscriptionPath());
    assertEquals("/k.json", c.credentialsFile());
    assertEquals("127.0.0.1:8085", c.emulatorHost());
    assertEquals(5, c.maxOutstandingMessages());
    assertEquals(10L * 1024 * 1024, c.maxOutstandingBytes());
    assertTrue(c.pushAuthConfigured());

    PubSubConfig none = PubSubConfig.fromJson(new JsonObject().put("bucket", "b"));
    assertNull(none.subscriptionPath());
    assertFalse(none.pushAuthConfigured());
    Vertx vertx = Vertx.vertx();
    try {
      assertThrows(IllegalArgumentException.class, () -> new PushAuthenticator(vertx, none));
    } finally {
      vertx.close();
    }
  }
}
