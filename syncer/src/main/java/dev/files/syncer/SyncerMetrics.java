package dev.files.syncer;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The syncer's metrics as plain counters and gauges, for the service to bind to its registry (e.g.
 * Micrometer {@code FunctionCounter} / {@code Gauge} over these getters):
 *
 * <ul>
 *   <li>{@link #lagEntries()}: change-stream entries not yet applied (unread plus unacknowledged),
 *       over every shard;
 *   <li>{@link #lagSeconds()}: age of the oldest of those entries (0 when caught up): how much
 *       older than Redis a CouchDB list result can be;
 *   <li>{@link #appliedPerSecond()}: records applied or confirmed up to date per second, over the
 *       last measurement interval;
 *   <li>{@link #indexWarmSeconds()}: how long the last update of CouchDB's list indexes after a
 *       batch took (part of the lag: a batch is acknowledged after it), {@link #indexWarms()} how
 *       many there were;
 *   <li>{@link #applied()}, {@link #skipped()}, {@link #acked()}, {@link #errors()}, {@link
 *       #parked()}: counters since start.
 * </ul>
 */
public final class SyncerMetrics {
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();
  private final AtomicLong lagEntries = new AtomicLong();
  private volatile double lagSeconds;
  private volatile double appliedPerSecond;
  private volatile double indexWarmSeconds;
  private final AtomicLong indexWarms = new AtomicLong();
  private long rateFrom = -1;
  private long rateAt;

  /** Records written to CouchDB (records and tombstones). */
  public long applied() {
    return applied.get();
  }

  /** Records that CouchDB already held at that version or newer. */
  public long skipped() {
    return skipped.get();
  }

  /** Stream entries acknowledged. */
  public long acked() {
    return acked.get();
  }

  /** Failed rounds (a store unavailable, a refused write); the work is retried. */
  public long errors() {
    return errors.get();
  }

  /** Records parked because they failed for a permanent reason (see {@code verify}). */
  public long parked() {
    return parked.get();
  }

  public long lagEntries() {
    return lagEntries.get();
  }

  public double lagSeconds() {
    return lagSeconds;
  }

  public double appliedPerSecond() {
    return appliedPerSecond;
  }

  /** Seconds the last update of the list indexes after a batch took (0 before the first). */
  public double indexWarmSeconds() {
    return indexWarmSeconds;
  }

  /** Updates of the list indexes after a batch. */
  public long indexWarms() {
    return indexWarms.get();
  }

  void indexWarmed(double seconds) {
    indexWarmSeconds = seconds;
    indexWarms.incrementAndGet();
  }

  void addApplied(long n) {
    applied.addAndGet(n);
  }

  void addSkipped(long n) {
    skipped.addAndGet(n);
  }

  void addAcked(long n) {
    acked.addAndGet(n);
  }

  void addError() {
    errors.incrementAndGet();
  }

  void addParked() {
    parked.incrementAndGet();
  }

  void lag(long entries, double seconds) {
    lagEntries.set(entries);
    lagSeconds = seconds;
  }

  /** Updates the rate from the counters; called about once a second. */
  synchronized void measureRate(long nowMillis) {
    long done = applied() + skipped();
    if (rateFrom >= 0 && nowMillis > rateAt) {
      appliedPerSecond = (done - rateFrom) * 1000.0 / (nowMillis - rateAt);
    }
    rateFrom = done;
    rateAt = nowMillis;
  }

  /** Everything as JSON (for logs and a status endpoint). */
  public JsonObject snapshot() {
    return new JsonObject()
        .put("applied", applied())
        .put("skipped", skipped())
        .put("acked", acked())
        .put("errors", errors())
        .put("parked", parked())
        .put("lagEntries", lagEntries())
        .put("lagSeconds", lagSeconds())
        .put("appliedPerSecond", appliedPerSecond())
        .put("indexWarmSeconds", indexWarmSeconds())
        .put("indexWarms", indexWarms());
  }
}
