package dev.files.storage.local;

import io.vertx.core.json.JsonObject;

/**
 * A resumable upload session, kept as JSON in {@code <root>/.sessions/<id>.json} beside its bytes
 * ({@code <id>.part}). It binds the object, type, exact size and MD5; {@code committed} counts the
 * bytes made durable so far; {@code result} is the object's sidecar once the upload completed.
 *
 * @param startBy epoch ms before which the first byte must arrive (the signed expiry)
 * @param expiresAt epoch ms after which the session is gone (one week, as in GCS)
 */
record UploadSession(
    String id,
    String bucket,
    String object,
    String contentType,
    long size,
    String md5Base64,
    boolean publicRead,
    String origin,
    long startBy,
    long expiresAt,
    long committed,
    ObjectMeta result) {

  boolean completed() {
    return result != null;
  }

  /** Whether requests to the session are refused as if it did not exist. */
  boolean expired(long nowMillis) {
    return nowMillis > expiresAt || (committed == 0 && result == null && nowMillis > startBy);
  }

  UploadSession withCommitted(long bytes) {
    return new UploadSession(
        id,
        bucket,
        object,
        contentType,
        size,
        md5Base64,
        publicRead,
        origin,
        startBy,
        expiresAt,
        bytes,
        result);
  }

  UploadSession withResult(ObjectMeta meta) {
    return new UploadSession(
        id,
        bucket,
        object,
        contentType,
        size,
        md5Base64,
        publicRead,
        origin,
        startBy,
        expiresAt,
        size,
        meta);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("bucket", bucket)
        .put("object", object)
        .put("contentType", contentType)
        .put("size", size)
        .put("md5Hash", md5Base64)
        .put("public", publicRead)
        .put("origin", origin)
        .put("startBy", startBy)
        .put("expiresAt", expiresAt)
        .put("committed", committed)
        .put("result", result == null ? null : result.toJson());
  }

  static UploadSession fromJson(JsonObject j) {
    JsonObject result = j.getJsonObject("result");
    return new UploadSession(
        j.getString("id"),
        j.getString("bucket"),
        j.getString("object"),
        j.getString("contentType"),
        j.getLong("size"),
        j.getString("md5Hash"),
        j.getBoolean("public", false),
        j.getString("origin"),
        j.getLong("startBy"),
        j.getLong("expiresAt"),
        j.getLong("committed", 0L),
        result == null ? null : ObjectMeta.fromJson(result));
  }
}
