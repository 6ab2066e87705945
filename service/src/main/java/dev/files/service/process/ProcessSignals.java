package dev.files.service.process;

import dev.files.action.ProcessScheduler;
import dev.files.service.trace.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Signals the processing worker over the local event bus. Not reliable by design: the store is the
 * queue, and the reconciler (files.sync) schedules again whatever a lost signal left behind. The
 * signal carries the current trace context ({@code traceparent}), so that the processing run is a
 * child of the step that scheduled it (files.finish).
 */
public final class ProcessSignals implements ProcessScheduler {
  /** The local event bus address the worker listens on; the body is the uploadId. */
  public static final String ADDRESS = "files.internal.process";

  private final Vertx vertx;

  public ProcessSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Asks the worker to process the upload; never blocks, never fails. */
  @Override
  public void schedule(String uploadId) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true);
    Tracing.inject(options::addHeader);
    vertx.eventBus().send(ADDRESS, uploadId, options);
  }
}
