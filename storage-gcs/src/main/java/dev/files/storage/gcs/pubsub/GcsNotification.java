package dev.files.storage.gcs.pubsub;

import dev.files.blob.ObjectFinalized;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes a GCS notification (a Pub/Sub message's attributes and data) into what the service acts
 * on. Bucket, object and generation come from the attributes ({@code bucketId}, {@code objectId},
 * {@code objectGeneration}) and fall back to the object resource in the data; size and MD5 come
 * from the data ({@code payloadFormat} JSON_API_V1; numbers there are strings) and are absent with
 * payload format NONE.
 */
public sealed interface GcsNotification {

  /** OBJECT_FINALIZE: an object is complete. */
  record Finalize(ObjectFinalized event) implements GcsNotification {}

  /** Another event type (delete, archive, metadata update): nothing to do. */
  record Other(String eventType) implements GcsNotification {}

  /** Not a GCS notification the service can read; redelivery cannot fix it. */
  record Malformed(String reason) implements GcsNotification {}

  /** The event type of object creation and overwrite. */
  String OBJECT_FINALIZE = "OBJECT_FINALIZE";

  /** Decodes one message; never throws. */
  static GcsNotification decode(Map<String, String> attributes, byte[] data) {
    if (attributes == null) {
      return new Malformed("no attributes");
    }
    String eventType = attributes.get("eventType");
    if (eventType == null || eventType.isBlank()) {
      return new Malformed("no eventType attribute");
    }
    if (!OBJECT_FINALIZE.equals(eventType)) {
      return new Other(eventType);
    }
    JsonObject resource;
    try {
      resource = resource(attributes.get("payloadFormat"), data);
    } catch (DecodeException | ClassCastException e) {
      return new Malformed("data is not a JSON object resource: " + e.getMessage());
    }
    String bucket = firstNonBlank(attributes.get("bucketId"), resource.getValue("bucket"));
    String object = firstNonBlank(attributes.get("objectId"), resource.getValue("name"));
    if (bucket == null || object == null) {
      return new Malformed("no bucketId/objectId");
    }
    try {
      Long generation =
          number(
              firstNonBlank(attributes.get("objectGeneration"), resource.getValue("generation")));
      Long size = number(firstNonBlank(null, resource.getValue("size")));
      String md5 = firstNonBlank(null, resource.getValue("md5Hash"));
      if (generation != null && generation < 1 || size != null && size < 0) {
        return new Malformed("negative generation or size");
      }
      return new Finalize(new ObjectFinalized(bucket, object, generation, size, md5));
    } catch (NumberFormatException e) {
      return new Malformed("generation or size is not a number: " + e.getMessage());
    }
  }

  private static JsonObject resource(String payloadFormat, byte[] data) {
    if ("NONE".equals(payloadFormat) || data == null || data.length == 0) {
      return new JsonObject();
    }
    return new JsonObject(new String(data, StandardCharsets.UTF_8));
  }

  private static String firstNonBlank(String attribute, Object resourceValue) {
    if (attribute != null && !attribute.isBlank()) {
      return attribute;
    }
    if (resourceValue == null) {
      return null;
    }
    String s = String.valueOf(resourceValue);
    return s.isBlank() ? null : s;
  }

  private static Long number(String s) {
    return s == null ? null : Long.valueOf(s.trim());
  }
}
