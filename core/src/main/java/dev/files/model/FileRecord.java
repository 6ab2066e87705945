package dev.files.model;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upload: the metadata record of docs/api.md, plus what the service's own steps need (soft
 * delete, processing lease, post action, CORS origin, provenance and trace context). Immutable;
 * derive changed copies with {@link #toBuilder()}. Its JSON form is {@link FileRecordJson}.
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
  private final int partCount;
  private final int uploadedParts;
  private final long contentLength;
  private final List<Part> parts;
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
    custom = Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
    uploadType = b.uploadType;
    isPublic = b.isPublic;
    directOnly = b.directOnly;
    unlisted = b.unlisted;
    temp = b.temp;
    partCount = b.partCount;
    uploadedParts = b.uploadedParts;
    contentLength = b.contentLength;
    parts = b.parts == null ? List.of() : List.copyOf(b.parts);
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

  /** Custom fields by their full name ({@code c_camera}): String, Long, Double or Boolean. */
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

  /** How many parts the upload expects. */
  public int partCount() {
    return partCount;
  }

  /** How many parts have been checked into storage. */
  public int uploadedParts() {
    return uploadedParts;
  }

  public long contentLength() {
    return contentLength;
  }

  public List<Part> parts() {
    return parts;
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

  /** When it was soft-deleted, or null. */
  public Long deletedAt() {
    return deletedAt;
  }

  /** Until when a processing step holds it, or null. */
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

  /** A copy, or null. */
  public JsonObject postAction() {
    return postAction == null ? null : postAction.copy();
  }

  /** The CORS origin of the upload session, or null. */
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

  /** The value of a queryable field (see {@link Fields}), or null when the record has none. */
  public Object field(String field) {
    return Fields.valueOf(this, field);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileRecord r && values().equals(r.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every field, in declaration order: what equality compares. */
  private List<Object> values() {
    return Arrays.asList(
        uploadId,
        owner,
        status,
        name,
        description,
        website,
        alias,
        tags,
        custom,
        uploadType,
        isPublic,
        directOnly,
        unlisted,
        temp,
        partCount,
        uploadedParts,
        contentLength,
        parts,
        startedAt,
        uploadedAt,
        processedAt,
        updatedAt,
        deletedAt,
        leaseUntil,
        error,
        errorCount,
        version,
        postAction,
        origin,
        provenance,
        traceparent);
  }

  @Override
  public String toString() {
    return FileRecordJson.toJson(this).encode();
  }

  /** A mutable copy of a record, for one expression. */
  public static final class Builder {
    private String uploadId;
    private String owner;
    private Status status;
    private String name;
    private String description;
    private String website;
    private String alias;
    private List<String> tags;
    private final Map<String, Object> custom = new LinkedHashMap<>();
    private String uploadType;
    private boolean isPublic;
    private boolean directOnly;
    private boolean unlisted;
    private boolean temp;
    private int partCount;
    private int uploadedParts;
    private long contentLength;
    private List<Part> parts;
    private Long startedAt;
    private Long uploadedAt;
    private Long processedAt;
    private Long updatedAt;
    private Long deletedAt;
    private Long leaseUntil;
    private String error;
    private int errorCount;
    private long version;
    private JsonObject postAction;
    private String origin;
    private JsonObject provenance;
    private String traceparent;

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
      custom.putAll(r.custom);
      uploadType = r.uploadType;
      isPublic = r.isPublic;
      directOnly = r.directOnly;
      unlisted = r.unlisted;
      temp = r.temp;
      partCount = r.partCount;
      uploadedParts = r.uploadedParts;
      contentLength = r.contentLength;
      parts = r.parts;
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

    /** Replaces all custom fields; null values are dropped. */
    public Builder custom(Map<String, ?> fields) {
      custom.clear();
      fields.forEach(this::custom);
      return this;
    }

    /** Sets ({@code value != null}) or removes ({@code null}) one custom field. */
    public Builder custom(String field, Object value) {
      if (value == null) {
        custom.remove(field);
      } else {
        custom.put(field, Fields.normalize(value));
      }
      return this;
    }

    public Builder uploadType(String v) {
      uploadType = v;
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

    public Builder partCount(int v) {
      partCount = v;
      return this;
    }

    public Builder uploadedParts(int v) {
      uploadedParts = v;
      return this;
    }

    public Builder contentLength(long v) {
      contentLength = v;
      return this;
    }

    public Builder parts(List<Part> v) {
      parts = v;
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

    public Builder origin(String v) {
      origin = v;
      return this;
    }

    public Builder provenance(JsonObject v) {
      provenance = v;
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
