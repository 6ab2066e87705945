package dev.files.storage.local;

import dev.files.blob.ObjectStat;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The sidecar of a stored object: what {@code stat} answers, plus whether anyone may read it. Kept
 * as JSON in {@code <root>/.meta/<bucket>/<object>.json}, written atomically after the data file.
 */
record ObjectMeta(
    String bucket,
    String object,
    long size,
    String md5Base64,
    String crc32c,
    long generation,
    String contentType,
    boolean publicRead,
    long updatedMillis) {

  ObjectStat toStat() {
    return new ObjectStat(bucket, object, size, md5Base64, crc32c, generation, contentType);
  }

  ObjectMeta withPublicRead(boolean value, long nowMillis) {
    return new ObjectMeta(
        bucket, object, size, md5Base64, crc32c, generation, contentType, value, nowMillis);
  }

  /** The strong ETag GCS gives a non-composite object: the hex MD5 in quotes. */
  String etag() {
    return "\"" + HexFormat.of().formatHex(Base64.getDecoder().decode(md5Base64)) + "\"";
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("bucket", bucket)
        .put("object", object)
        .put("size", size)
        .put("md5Hash", md5Base64)
        .put("crc32c", crc32c)
        .put("generation", generation)
        .put("contentType", contentType)
        .put("public", publicRead)
        .put("updated", updatedMillis);
  }

  static ObjectMeta fromJson(JsonObject j) {
    return new ObjectMeta(
        j.getString("bucket"),
        j.getString("object"),
        j.getLong("size"),
        j.getString("md5Hash"),
        j.getString("crc32c"),
        j.getLong("generation"),
        j.getString("contentType"),
        j.getBoolean("public", false),
        j.getLong("updated", 0L));
  }

  /** The object resource as the GCS JSON API shows it (numbers as strings). */
  JsonObject toResource() {
    return new JsonObject()
        .put("kind", "storage#object")
        .put("bucket", bucket)
        .put("name", object)
        .put("size", Long.toString(size))
        .put("md5Hash", md5Base64)
        .put("crc32c", crc32c)
        .put("generation", Long.toString(generation))
        .put("contentType", contentType)
        .put("etag", etag());
  }
}
