package dev.files.storage.gcs.testing;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * GCS notifications as Cloud Storage publishes them to Pub/Sub (payload format JSON_API_V1: the
 * object resource as data, numbers as strings), and the push body Pub/Sub POSTs.
 */
public final class GcsNotifications {
  private GcsNotifications() {}

  /** The attributes of a notification. */
  public static Map<String, String> attributes(
      String eventType, String bucket, String object, long generation) {
    Map<String, String> a = new HashMap<>();
    a.put("eventType", eventType);
    a.put("payloadFormat", "JSON_API_V1");
    a.put("bucketId", bucket);
    a.put("objectId", object);
    a.put("objectGeneration", Long.toString(generation));
    a.put("eventTime", Instant.now().toString());
    a.put("notificationConfig", "projects/_/buckets/" + bucket + "/notificationConfigs/1");
    return a;
  }

  /** The object resource of the data. */
  public static JsonObject resource(
      String bucket, String object, long generation, long size, String md5) {
    return new JsonObject()
        .put("kind", "storage#object")
        .put("id", bucket + "/" + object + "/" + generation)
        .put("name", object)
        .put("bucket", bucket)
        .put("generation", Long.toString(generation))
        .put("metageneration", "1")
        .put("contentType", "image/png")
        .put("size", Long.toString(size))
        .put("md5Hash", md5)
        .put("crc32c", "AAAAAA==")
        .put("timeCreated", Instant.now().toString())
        .put("storageClass", "STANDARD");
  }

  /** An OBJECT_FINALIZE message for a stored object. */
  public static PubsubMessage finalize(FakeGcsServer.StoredObject o) {
    return message(
        attributes("OBJECT_FINALIZE", o.bucket(), o.name(), o.generation()),
        resource(o.bucket(), o.name(), o.generation(), o.size(), o.md5Base64()).encode());
  }

  /** An OBJECT_FINALIZE message for any object. */
  public static PubsubMessage finalize(
      String bucket, String object, long generation, long size, String md5) {
    return message(
        attributes("OBJECT_FINALIZE", bucket, object, generation),
        resource(bucket, object, generation, size, md5).encode());
  }

  public static PubsubMessage message(Map<String, String> attributes, String data) {
    return PubsubMessage.newBuilder()
        .putAllAttributes(attributes)
        .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
        .build();
  }

  /** The body of a push delivery of {@code message}. */
  public static JsonObject pushBody(PubsubMessage message, String subscription) {
    String id = UUID.randomUUID().toString();
    JsonObject m =
        new JsonObject()
            .put("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()))
            .put("attributes", new JsonObject(new HashMap<>(message.getAttributesMap())))
            .put("messageId", id)
            .put("message_id", id)
            .put("publishTime", Instant.now().toString())
            .put("publish_time", Instant.now().toString());
    return new JsonObject().put("message", m).put("subscription", subscription);
  }
}
