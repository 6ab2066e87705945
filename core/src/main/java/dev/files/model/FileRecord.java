package dev.files.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upload: the metadata record of docs/api.md. Immutable; derive changed copies with {@link
 * #toBuilder()}. Custom fields ({@code c_*}) hold a String, a Number or a Boolean.
 *
 * <p>Beyond the API's table it carries what the service's own steps need: {@code deletedAt} (soft
 * delete), {@code leaseUntil} (processing lease), {@code postAction}, {@code origin} (the CORS
 * origin of the upload session), {@code provenance} (where the files.upload request came from: its
 * transport, client address, user agent, calling service, request and trace ids, and the caller's
 * own {@code meta.source}) and {@code traceparent} (the W3C trace context of the request that
 * created it, so that later steps can link their traces to it).
 */
public final class FileRecord {
  private final String uploadId;
  private final String owner;
  private final Status status;
  private final String name;
  private final String description;
  private final String website;
  private final String alias;
  private final List<String> tags;
  private final Map<String, Object> custom;
  private final String uploadType;
  private final boolean isPublic;
  private final boolean directOnly;
  private final boolean unlisted;
  private final boolean temp;
  private final int parts;
  private final int uploaded;
  private final long contentLength;
  private final List<Part> files;
  private final Long startedAt;
  private final Long uploadedAt;
  private final Long processedAt;
  private final Long updatedAt;
  private final Long deletedAt;
  private final Long leaseUntil;
  private final String error;
  private final int errorCount;
  private final long version;
  private final JsonObject postAction;
  private final String origin;
  private final JsonObject provenance;
  private final String traceparent;

  private FileRecord(Builder b) {
    uploadId = Objects.requireNonNull(b.uploadId, "uploadId");
    owner = Objects.requireNonNull(b.owner, "owner");
    status = Objects.requireNonNull(b.status, "status");
    name = b.name;
    description = b.description;
    website = b.website;
    alias = b.alias;
    tags = b.tags == null ? List.of() : List.copyOf(b.tags);
    custom =
        b.custom == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
    uploadType = b.uploadType;
    isPublic = b.isPublic;
    directOnly = b.directOnly;
    unlisted = b.unlisted;
    temp = b.temp;
    parts = b.parts;
    uploaded = b.uploaded;
    contentLength = b.contentLength;
    files = b.files == null ? List.of() : List.copyOf(b.files);
    startedAt = b.startedAt;
    uploadedAt = b.uploadedAt;
    processedAt = b.processedAt;
    updatedAt = b.updatedAt;
    deletedAt = b.deletedAt;
    leaseUntil = b.leaseUntil;
    error = b.error;
    errorCount = b.errorCount;
    version = b.version;
    postAction = b.postAction == null ? null : b.postAction.copy();
    origin = b.origin;
    provenance = b.provenance == null ? null : b.provenance.copy();
    traceparent = b.traceparent;
  }

  public String uploadId() {
    return uploadId;
  }

  public String owner() {
    return owner;
  }

  public Status status() {
    return status;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public String website() {
    return website;
  }

  public String alias() {
    return alias;
  }

  public List<String> tags() {
    return tags;
  }

  /** Custom fields by their full name ({@code c_camera}). */
  public Map<String, Object> custom() {
    return custom;
  }

  public String uploadType() {
    return uploadType;
  }

  public boolean isPublic() {
    return isPublic;
  }

  public boolean directOnly() {
    return directOnly;
  }

  public boolean unlisted() {
    return unlisted;
  }

  public boolean temp() {
    return temp;
  }

  public int parts() {
    return parts;
  }

  public int uploaded() {
    return uploaded;
  }

  public long contentLength() {
    return contentLength;
  }

  public List<Part> files() {
    return files;
  }

  public Long startedAt() {
    return startedAt;
  }

  public Long uploadedAt() {
    return uploadedAt;
  }

  public Long processedAt() {
    return processedAt;
  }

  public Long updatedAt() {
    return updatedAt;
  }

  public Long deletedAt() {
    return deletedAt;
  }

  public Long leaseUntil() {
    return leaseUntil;
  }

  public String error() {
    return error;
  }

  public int errorCount() {
    return errorCount;
  }

  public long version() {
    return version;
  }

  public JsonObject postAction() {
    return postAction == null ? null : postAction.copy();
  }

  public String origin() {
    return origin;
  }

  /** Where the files.upload request came from (a copy), or null. */
  public JsonObject provenance() {
    return provenance == null ? null : provenance.copy();
  }

  /** The W3C {@code traceparent} of the request that created the record, or null. */
  public String traceparent() {
    return traceparent;
  }

  /**
   * Whether files.list may show this record at all: finished (not pending), not temp, not unlisted,
   * not soft-deleted. Who may see it is decided by the query's visibility on top.
   */
  public boolean listed() {
    return status != Status.PENDING && !temp && !unlisted && deletedAt == null;
  }

  /** Whether a user other than the owner may see it in lists: public and not direct-only. */
  public boolean publiclyListed() {
    return isPublic && !directOnly;
  }

  /**
   * The value of a filterable field (see {@link Fields}): a String, Long, Double or Boolean, or
   * null when the record has no value for it.
   */
  public Object field(String field) {
    return Fields.valueOf(this, field);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(null);
  }

  /** The record as the API shows it, with real JSON types. Unset fields are absent. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("uploadId", uploadId).put("owner", owner);
    j.put("status", status.wire());
    put(j, "name", name);
    put(j, "description", description);
    put(j, "website", website);
    put(j, "alias", alias);
    j.put("tags", new JsonArray(new ArrayList<>(tags)));
    custom.forEach(j::put);
    put(j, "uploadType", uploadType);
    j.put("public", isPublic)
        .put("directOnly", directOnly)
        .put("unlisted", unlisted)
        .put("temp", temp)
        .put("parts", parts)
        .put("uploaded", uploaded)
        .put("contentLength", contentLength);
    JsonArray fs = new JsonArray();
    files.forEach(p -> fs.add(p.toJson()));
    j.put("files", fs);
    put(j, "startedAt", startedAt);
    put(j, "uploadedAt", uploadedAt);
    put(j, "processedAt", processedAt);
    put(j, "updatedAt", updatedAt);
    put(j, "deletedAt", deletedAt);
    put(j, "leaseUntil", leaseUntil);
    put(j, "error", error);
    j.put("errorCount", errorCount).put("version", version);
    put(j, "postAction", postAction);
    put(j, "origin", origin);
    if (provenance != null) {
      j.put("provenance", provenance.copy());
    }
    put(j, "traceparent", traceparent);
    return j;
  }

  /** Reads {@link #toJson()} back; custom fields are every key starting with {@code c_}. */
  public static FileRecord fromJson(JsonObject j) {
    Builder b = builder();
    b.uploadId = j.getString("uploadId");
    b.owner = j.getString("owner");
    b.status = Status.fromWire(j.getString("status"));
    b.name = j.getString("name");
    b.description = j.getString("description");
    b.website = j.getString("website");
    b.alias = j.getString("alias");
    JsonArray t = j.getJsonArray("tags");
    b.tags = t == null ? List.of() : t.stream().map(String::valueOf).toList();
    Map<String, Object> custom = new LinkedHashMap<>();
    for (String key : j.fieldNames()) {
      if (Fields.isCustom(key)) {
        Object v = j.getValue(key);
        if (v != null) {
          custom.put(key, Fields.normalize(v));
        }
      }
    }
    b.custom = custom;
    b.uploadType = j.getString("uploadType");
    b.isPublic = j.getBoolean("public", false);
    b.directOnly = j.getBoolean("directOnly", false);
    b.unlisted = j.getBoolean("unlisted", false);
    b.temp = j.getBoolean("temp", false);
    b.parts = j.getInteger("parts", 0);
    b.uploaded = j.getInteger("uploaded", 0);
    b.contentLength = j.getLong("contentLength", 0L);
    JsonArray fs = j.getJsonArray("files");
    List<Part> parts = new ArrayList<>();
    if (fs != null) {
      for (int i = 0; i < fs.size(); i++) {
        parts.add(Part.fromJson(fs.getJsonObject(i)));
      }
    }
    b.files = parts;
    b.startedAt = j.getLong("startedAt");
    b.uploadedAt = j.getLong("uploadedAt");
    b.processedAt = j.getLong("processedAt");
    b.updatedAt = j.getLong("updatedAt");
    b.deletedAt = j.getLong("deletedAt");
    b.leaseUntil = j.getLong("leaseUntil");
    b.error = j.getString("error");
    b.errorCount = j.getInteger("errorCount", 0);
    b.version = j.getLong("version", 0L);
    b.postAction = j.getJsonObject("postAction");
    b.origin = j.getString("origin");
    b.provenance = j.getJsonObject("provenance");
    b.traceparent = j.getString("traceparent");
    return b.build();
  }

  private static void put(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileRecord other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }

  /** A mutable copy of a record; fields are public on purpose, it lives for one expression. */
  public static final class Builder {
    public String uploadId;
    public String owner;
    public Status status;
    public String name;
    public String description;
    public String website;
    public String alias;
    public List<String> tags;
    public Map<String, Object> custom;
    public String uploadType;
    public boolean isPublic;
    public boolean directOnly;
    public boolean unlisted;
    public boolean temp;
    public int parts;
    public int uploaded;
    public long contentLength;
    public List<Part> files;
    public Long startedAt;
    public Long uploadedAt;
    public Long processedAt;
    public Long updatedAt;
    public Long deletedAt;
    public Long leaseUntil;
    public String error;
    public int errorCount;
    public long version;
    public JsonObject postAction;
    public String origin;
    public JsonObject provenance;
    public String traceparent;

    private Builder(FileRecord r) {
      if (r == null) {
        return;
      }
      uploadId = r.uploadId;
      owner = r.owner;
      status = r.status;
      name = r.name;
      description = r.description;
      website = r.website;
      alias = r.alias;
      tags = r.tags;
      custom = new LinkedHashMap<>(r.custom);
      uploadType = r.uploadType;
      isPublic = r.isPublic;
      directOnly = r.directOnly;
      unlisted = r.unlisted;
      temp = r.temp;
      parts = r.parts;
      uploaded = r.uploaded;
      contentLength = r.contentLength;
      files = r.files;
      startedAt = r.startedAt;
      uploadedAt = r.uploadedAt;
      processedAt = r.processedAt;
      updatedAt = r.updatedAt;
      deletedAt = r.deletedAt;
      leaseUntil = r.leaseUntil;
      error = r.error;
      errorCount = r.errorCount;
      version = r.version;
      postAction = r.postAction;
      origin = r.origin;
      provenance = r.provenance;
      traceparent = r.traceparent;
    }

    public Builder uploadId(String v) {
      uploadId = v;
      return this;
    }

    public Builder owner(String v) {
      owner = v;
      return this;
    }

    public Builder status(Status v) {
      status = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder website(String v) {
      website = v;
      return this;
    }

    public Builder alias(String v) {
      alias = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    /** Sets ({@code value != null}) or removes ({@code null}) one custom field. */
    public Builder custom(String field, Object value) {
      if (custom == null) {
        custom = new LinkedHashMap<>();
      }
      if (value == null) {
        custom.remove(field);
      } else {
        custom.put(field, Fields.normalize(value));
      }
      return this;
    }

    public Builder isPublic(boolean v) {
      isPublic = v;
      return this;
    }

    public Builder directOnly(boolean v) {
      directOnly = v;
      return this;
    }

    public Builder unlisted(boolean v) {
      unlisted = v;
      return this;
    }

    public Builder temp(boolean v) {
      temp = v;
      return this;
    }

    public Builder uploadType(String v) {
      uploadType = v;
      return this;
    }

    public Builder parts(int v) {
      parts = v;
      return this;
    }

    public Builder uploaded(int v) {
      uploaded = v;
      return this;
    }

    public Builder contentLength(long v) {
      contentLength = v;
      return this;
    }

    public Builder files(List<Part> v) {
      files = v;
      return this;
    }

    public Builder startedAt(Long v) {
      startedAt = v;
      return this;
    }

    public Builder uploadedAt(Long v) {
      uploadedAt = v;
      return this;
    }

    public Builder processedAt(Long v) {
      processedAt = v;
      return this;
    }

    public Builder updatedAt(Long v) {
      updatedAt = v;
      return this;
    }

    public Builder deletedAt(Long v) {
      deletedAt = v;
      return this;
    }

    public Builder leaseUntil(Long v) {
      leaseUntil = v;
      return this;
    }

    public Builder error(String v) {
      error = v;
      return this;
    }

    public Builder errorCount(int v) {
      errorCount = v;
      return this;
    }

    public Builder version(long v) {
      version = v;
      return this;
    }

    public Builder postAction(JsonObject v) {
      postAction = v;
      return this;
    }

    public Builder provenance(JsonObject v) {
      provenance = v;
      return this;
    }

    public Builder origin(String v) {
      origin = v;
      return this;
    }

    public Builder traceparent(String v) {
      traceparent = v;
      return this;
    }

    public FileRecord build() {
      return new FileRecord(this);
    }
  }
}
