package dev.files.model;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One object in storage that belongs to a record. Immutable; change it with {@link #toBuilder()}.
 *
 * @param type role of the part, e.g. {@code original} or {@code preview}
 * @param contentType declared content type
 * @param contentLength declared size in bytes
 * @param md5Hash base64 of the declared 16-byte MD5
 * @param originalName the client's file name, if given
 * @param filename object name in storage, assigned by the service
 * @param bucket the bucket (or local storage root) that holds the object
 * @param location where to upload, while pending
 * @param headers headers the client must send with the upload, while pending
 * @param uploaded whether the object has been checked into storage (files.finish)
 * @param generation storage generation of the finished object
 * @param error why this part failed, if it did
 * @param detectedContentType what processing found in the bytes
 * @param width image width found by processing
 * @param height image height found by processing
 */
public record Part(
    String type,
    String contentType,
    long contentLength,
    String md5Hash,
    String originalName,
    String filename,
    String bucket,
    String location,
    Map<String, String> headers,
    boolean uploaded,
    Long generation,
    String error,
    String detectedContentType,
    Integer width,
    Integer height) {

  public Part {
    headers = headers == null ? null : Map.copyOf(headers);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(null);
  }

  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("type", type)
            .put("contentType", contentType)
            .put("contentLength", contentLength)
            .put("md5Hash", md5Hash);
    putIfSet(j, "originalName", originalName);
    putIfSet(j, "filename", filename);
    putIfSet(j, "bucket", bucket);
    putIfSet(j, "location", location);
    if (headers != null) {
      j.put("headers", new JsonObject(Map.copyOf(headers)));
    }
    j.put("uploaded", uploaded);
    putIfSet(j, "generation", generation);
    putIfSet(j, "error", error);
    putIfSet(j, "detectedContentType", detectedContentType);
    putIfSet(j, "width", width);
    putIfSet(j, "height", height);
    return j;
  }

  public static Part fromJson(JsonObject j) {
    return builder()
        .type(j.getString("type"))
        .contentType(j.getString("contentType"))
        .contentLength(j.getLong("contentLength", 0L))
        .md5Hash(j.getString("md5Hash"))
        .originalName(j.getString("originalName"))
        .filename(j.getString("filename"))
        .bucket(j.getString("bucket"))
        .location(j.getString("location"))
        .headers(headersFromJson(j.getJsonObject("headers")))
        .uploaded(j.getBoolean("uploaded", false))
        .generation(j.getLong("generation"))
        .error(j.getString("error"))
        .detectedContentType(j.getString("detectedContentType"))
        .width(j.getInteger("width"))
        .height(j.getInteger("height"))
        .build();
  }

  private static Map<String, String> headersFromJson(JsonObject h) {
    if (h == null) {
      return null;
    }
    Map<String, String> m = new java.util.LinkedHashMap<>();
    h.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
    return m;
  }

  private static void putIfSet(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value);
    }
  }

  /** A mutable copy of a part, for one expression. */
  public static final class Builder {
    private String type;
    private String contentType;
    private long contentLength;
    private String md5Hash;
    private String originalName;
    private String filename;
    private String bucket;
    private String location;
    private Map<String, String> headers;
    private boolean uploaded;
    private Long generation;
    private String error;
    private String detectedContentType;
    private Integer width;
    private Integer height;

    private Builder(Part p) {
      if (p == null) {
        return;
      }
      type = p.type;
      contentType = p.contentType;
      contentLength = p.contentLength;
      md5Hash = p.md5Hash;
      originalName = p.originalName;
      filename = p.filename;
      bucket = p.bucket;
      location = p.location;
      headers = p.headers;
      uploaded = p.uploaded;
      generation = p.generation;
      error = p.error;
      detectedContentType = p.detectedContentType;
      width = p.width;
      height = p.height;
    }

    public Builder type(String v) {
      type = v;
      return this;
    }

    public Builder contentType(String v) {
      contentType = v;
      return this;
    }

    public Builder contentLength(long v) {
      contentLength = v;
      return this;
    }

    public Builder md5Hash(String v) {
      md5Hash = v;
      return this;
    }

    public Builder originalName(String v) {
      originalName = v;
      return this;
    }

    public Builder filename(String v) {
      filename = v;
      return this;
    }

    public Builder bucket(String v) {
      bucket = v;
      return this;
    }

    public Builder location(String v) {
      location = v;
      return this;
    }

    public Builder headers(Map<String, String> v) {
      headers = v;
      return this;
    }

    public Builder uploaded(boolean v) {
      uploaded = v;
      return this;
    }

    public Builder generation(Long v) {
      generation = v;
      return this;
    }

    public Builder error(String v) {
      error = v;
      return this;
    }

    public Builder detectedContentType(String v) {
      detectedContentType = v;
      return this;
    }

    public Builder width(Integer v) {
      width = v;
      return this;
    }

    public Builder height(Integer v) {
      height = v;
      return this;
    }

    public Part build() {
      return new Part(
          type,
          contentType,
          contentLength,
          md5Hash,
          originalName,
          filename,
          bucket,
          location,
          headers,
          uploaded,
          generation,
          error,
          detectedContentType,
          width,
          height);
    }
  }
}
