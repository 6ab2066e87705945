package dev.files.action;

import dev.files.store.history.HistoryRetention;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits and timings the actions work with. {@link #defaults()} gives the documented defaults;
 * the service builds its own from configuration with {@link #builder()}.
 *
 * @param maxSize largest part in bytes (default 5 GiB); larger is 413
 * @param allowedContentTypes patterns such as {@code image/*} or {@code application/pdf}; empty
 *     allows every type (default)
 * @param defaultUrlExpires seconds an upload URL lives when files.upload names none (default 900)
 * @param maxUrlExpires the largest {@code expires} a request may ask for (default 604800)
 * @param uploadTtl how long a pending upload (and a temp file) lives (default 24 h)
 * @param downloadExpires how long signed download URLs live by default (default 3 h)
 * @param maxTries processing attempts before files.process refuses with 422 (default 3)
 * @param processingLease how long a processing claim holds (default 5 min)
 * @param stuckAfter records in {@code uploaded} longer than this are processed again by files.sync
 *     (default 10 min)
 * @param retention how long soft-deleted records can be restored before they are purged (default 30
 *     days)
 * @param bucket where new objects go; null means {@link dev.files.blob.BlobStorage#bucket()}
 * @param headBytes how many leading bytes processing reads for content detection (default 64 KiB)
 * @param syncPageSize records files.sync reads per store call (default 100)
 * @param syncMaxPerRun records files.sync looks at per category and run (default 1000)
 * @param casAttempts attempts of an internal compare-and-set transition before it gives up with
 *     {@code version-conflict} (default 10)
 * @param history how long each record's history is kept (default 365 days, 100 entries)
 */
public record ActionOptions(
    long maxSize,
    List<String> allowedContentTypes,
    long defaultUrlExpires,
    long maxUrlExpires,
    Duration uploadTtl,
    Duration downloadExpires,
    int maxTries,
    Duration processingLease,
    Duration stuckAfter,
    Duration retention,
    String bucket,
    int headBytes,
    int syncPageSize,
    int syncMaxPerRun,
    int casAttempts,
    HistoryRetention history) {

  public ActionOptions {
    allowedContentTypes = List.copyOf(allowedContentTypes);
    Objects.requireNonNull(uploadTtl, "uploadTtl");
    Objects.requireNonNull(downloadExpires, "downloadExpires");
    Objects.requireNonNull(processingLease, "processingLease");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(history, "history");
    if (maxSize < 1 || defaultUrlExpires < 1 || maxUrlExpires < defaultUrlExpires) {
      throw new IllegalArgumentException("maxSize and URL expiries must be positive");
    }
    if (maxTries < 1 || headBytes < 1 || syncPageSize < 1 || syncMaxPerRun < 1) {
      throw new IllegalArgumentException("counts must be positive");
    }
    if (casAttempts < 1) {
      throw new IllegalArgumentException("casAttempts must be positive");
    }
  }

  public static ActionOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSize = maxSize;
    b.allowedContentTypes = allowedContentTypes;
    b.defaultUrlExpires = defaultUrlExpires;
    b.maxUrlExpires = maxUrlExpires;
    b.uploadTtl = uploadTtl;
    b.downloadExpires = downloadExpires;
    b.maxTries = maxTries;
    b.processingLease = processingLease;
    b.stuckAfter = stuckAfter;
    b.retention = retention;
    b.bucket = bucket;
    b.headBytes = headBytes;
    b.syncPageSize = syncPageSize;
    b.syncMaxPerRun = syncMaxPerRun;
    b.casAttempts = casAttempts;
    b.history = history;
    return b;
  }

  /** Whether the content type matches one of the allowed patterns ({@code type/*} or exact). */
  public boolean allows(String contentType) {
    if (allowedContentTypes.isEmpty()) {
      return true;
    }
    String base = ContentTypes.base(contentType);
    for (String pattern : allowedContentTypes) {
      String p = ContentTypes.base(pattern);
      if (p.equals("*/*") || p.equals(base)) {
        return true;
      }
      if (p.endsWith("/*") && base.startsWith(p.substring(0, p.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Builds options; every field starts at its documented default. */
  public static final class Builder {
    private long maxSize = 5L * 1024 * 1024 * 1024;
    private List<String> allowedContentTypes = List.of();
    private long defaultUrlExpires = 900;
    private long maxUrlExpires = 604_800;
    private Duration uploadTtl = Duration.ofHours(24);
    private Duration downloadExpires = Duration.ofHours(3);
    private int maxTries = 3;
    private Duration processingLease = Duration.ofMinutes(5);
    private Duration stuckAfter = Duration.ofMinutes(10);
    private Duration retention = Duration.ofDays(30);
    private String bucket;
    private int headBytes = 64 * 1024;
    private int syncPageSize = 100;
    private int syncMaxPerRun = 1000;
    private int casAttempts = 10;
    private HistoryRetention history = HistoryRetention.defaults();

    private Builder() {}

    public Builder maxSize(long v) {
      maxSize = v;
      return this;
    }

    public Builder allowedContentTypes(List<String> v) {
      allowedContentTypes = v;
      return this;
    }

    public Builder defaultUrlExpires(long seconds) {
      defaultUrlExpires = seconds;
      return this;
    }

    public Builder maxUrlExpires(long seconds) {
      maxUrlExpires = seconds;
      return this;
    }

    public Builder uploadTtl(Duration v) {
      uploadTtl = v;
      return this;
    }

    public Builder downloadExpires(Duration v) {
      downloadExpires = v;
      return this;
    }

    public Builder maxTries(int v) {
      maxTries = v;
      return this;
    }

    public Builder processingLease(Duration v) {
      processingLease = v;
      return this;
    }

    public Builder stuckAfter(Duration v) {
      stuckAfter = v;
      return this;
    }

    public Builder history(HistoryRetention v) {
      history = v;
      return this;
    }

    public Builder retention(Duration v) {
      retention = v;
      return this;
    }

    public Builder bucket(String v) {
      bucket = v;
      return this;
    }

    public Builder headBytes(int v) {
      headBytes = v;
      return this;
    }

    public Builder syncPageSize(int v) {
      syncPageSize = v;
      return this;
    }

    public Builder syncMaxPerRun(int v) {
      syncMaxPerRun = v;
      return this;
    }

    public Builder casAttempts(int v) {
      casAttempts = v;
      return this;
    }

    public ActionOptions build() {
      return new ActionOptions(
          maxSize,
          allowedContentTypes,
          defaultUrlExpires,
          maxUrlExpires,
          uploadTtl,
          downloadExpires,
          maxTries,
          processingLease,
          stuckAfter,
          retention,
          bucket,
          headBytes,
          syncPageSize,
          syncMaxPerRun,
          casAttempts,
          history);
    }
  }
}
