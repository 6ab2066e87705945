package dev.files.service.process;

import dev.files.action.ProcessScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Signals the processing worker over the local event bus. Not reliable by design: the store is the
 * queue, and the reconciler (files.sync) schedules again whatever a lost signal left behind.
 */
public final class ProcessSignals implements ProcessScheduler {
  /** The local event bus address the worker listens on; the body is the uploadId. */
  public static final String ADDRESS = "files.internal.process";

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;

  public ProcessSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Asks the worker to process the upload; never blocks, never fails. */
  @Override
  public void schedule(String uploadId) {
    vertx.eventBus().send(ADDRESS, uploadId, LOCAL);
  }
}
