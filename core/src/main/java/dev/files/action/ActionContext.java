package dev.files.action;

import dev.files.blob.BlobStorage;
import dev.files.store.FileStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything the actions work with.
 *
 * @param vertx the Vert.x instance
 * @param primary the store for writes and reads by id and alias
 * @param list the store that serves files.list and files.report (may be {@code primary})
 * @param blobs object storage
 * @param options limits and timings
 * @param inspector content detection for files.process
 * @param clock the time (tests pass a fixed or movable clock)
 * @param scheduler hands finished uploads to the processing worker
 */
public record ActionContext(
    Vertx vertx,
    FileStore primary,
    FileStore list,
    BlobStorage blobs,
    ActionOptions options,
    ContentInspector inspector,
    Clock clock,
    ProcessScheduler scheduler) {

  public ActionContext {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(blobs, "blobs");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /** Now, in epoch milliseconds. */
  public long now() {
    return clock.millis();
  }

  /** The bucket new objects go to. */
  public String bucket() {
    return options.bucket() != null ? options.bucket() : blobs.bucket();
  }
}
