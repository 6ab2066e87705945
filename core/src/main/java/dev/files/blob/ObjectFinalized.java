package dev.files.blob;

import io.vertx.core.json.JsonObject;

/**
 * Storage's word that an object is complete: GCS OBJECT_FINALIZE, or the local storage's in-process
 * event. Its JSON is the body of files.finish.
 */
public record ObjectFinalized(
    String bucket, String object, Long generation, Long size, String md5Base64) {

  /** The event bus address local storage publishes finalize events to. */
  public static final String ADDRESS = "files.storage.finalized";

  /** The files.finish request for this object. */
  public JsonObject toFinishRequest() {
    JsonObject j = new JsonObject().put("filename", object).put("bucket", bucket);
    if (generation != null) {
      j.put("generation", generation);
    }
    if (size != null) {
      j.put("contentLength", size);
    }
    if (md5Base64 != null) {
      j.put("md5Hash", md5Base64);
    }
    return j;
  }
}
