package dev.files.store.query;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Report;
import java.util.EnumMap;
import java.util.Map;

/**
 * Adds records up into a {@link Report}, whatever form a backend counts them in: one record at a
 * time, groups of records of one status and visibility, or separate totals and per-status counts.
 * Not thread-safe: one tally per report.
 */
public final class ReportTally {
  private long total;
  private long publicCount;
  private long contentLength;
  private long publicContentLength;
  private final Map<Status, Long> byStatus = new EnumMap<>(Status.class);

  /** One record. */
  public ReportTally add(FileRecord r) {
    return add(r.status(), r.isPublic(), 1, r.contentLength());
  }

  /** {@code count} records of one status and visibility holding {@code bytes} together. */
  public ReportTally add(Status status, boolean isPublic, long count, long bytes) {
    return addTotals(count, isPublic ? count : 0, bytes, isPublic ? bytes : 0)
        .addStatus(status, count);
  }

  /** Totals over records of any status; their statuses are added with {@link #addStatus}. */
  public ReportTally addTotals(long count, long publicCount, long bytes, long publicBytes) {
    this.total += count;
    this.publicCount += publicCount;
    this.contentLength += bytes;
    this.publicContentLength += publicBytes;
    return this;
  }

  /** {@code count} more records of a status (already in the totals). */
  public ReportTally addStatus(Status status, long count) {
    byStatus.merge(status, count, Long::sum);
    return this;
  }

  /** The report; statuses that add up to no record are left out. */
  public Report report() {
    Map<Status, Long> statuses = new EnumMap<>(byStatus);
    statuses.values().removeIf(n -> n == 0);
    return new Report(total, publicCount, statuses, contentLength, publicContentLength);
  }
}
