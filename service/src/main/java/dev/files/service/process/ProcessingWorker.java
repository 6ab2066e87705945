package dev.files.service.process;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.FailureLog;
import dev.files.error.Retry;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs files.process as the system for every upload signalled on {@link ProcessSignals#ADDRESS}. A
 * transient failure ({@link Retry#isTransient}) is retried with exponential back-off, up to {@code
 * maxTries} attempts; any other failure is final (files.process has recorded it on the record).
 * Nothing is kept in memory that the store does not also know: a lost retry is found again by the
 * reconciler. Each failure is logged once, through a {@link FailureLog}.
 */
public final class ProcessingWorker extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingWorker.class);
  private static final String ACTION = "files.process";
  private static final Caller WORKER =
      Caller.system(WriteContext.PROCESSING_WORKER, Origin.of(Origin.INTERNAL));

  private final Action process;
  private final int maxTries;
  private final Duration firstDelay;
  private final FailureLog failures;
  private final ProcessingQueue queue;
  private MessageConsumer<String> consumer;

  public ProcessingWorker(Action process, int maxTries, Duration firstDelay) {
    this(process, maxTries, firstDelay, new ProcessingQueue());
  }

  /** With a queue the caller exports as metrics. */
  public ProcessingWorker(
      Action process, int maxTries, Duration firstDelay, ProcessingQueue queue) {
    this(process, maxTries, firstDelay, new FailureLog(ProcessingWorker.class), queue);
  }

  /** With the failure log to use (tests give one with their own clock and quiet period). */
  public ProcessingWorker(Action process, int maxTries, Duration firstDelay, FailureLog failures) {
    this(process, maxTries, firstDelay, failures, new ProcessingQueue());
  }

  private ProcessingWorker(
      Action process,
      int maxTries,
      Duration firstDelay,
      FailureLog failures,
      ProcessingQueue queue) {
    this.process = process;
    this.maxTries = maxTries;
    this.firstDelay = firstDelay;
    this.failures = failures;
    this.queue = queue;
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx
            .eventBus()
            .localConsumer(
                ProcessSignals.ADDRESS,
                m -> {
                  queue.accepted();
                  attempt(m.body(), 1);
                });
    return consumer.completion();
  }

  private void attempt(String uploadId, int attempt) {
    process
        .handle(WORKER, new JsonObject().put("uploadId", uploadId))
        .onComplete(
            ar -> {
              log(uploadId, attempt, ar.cause());
              if (ar.failed() && Retry.isTransient(ar.cause()) && attempt < maxTries) {
                long delay = firstDelay.toMillis() << (attempt - 1);
                vertx.setTimer(Math.max(1, delay), t -> attempt(uploadId, attempt + 1));
              } else {
                queue.settled(ar.succeeded());
              }
            });
  }

  private void log(String uploadId, int attempt, Throwable failure) {
    try (MDC.MDCCloseable a = MDC.putCloseable("action", ACTION);
        MDC.MDCCloseable u = MDC.putCloseable("uploadId", uploadId)) {
      if (failure == null) {
        failures.succeeded(ACTION);
        LOG.debug("processed (attempt {})", attempt);
      } else {
        failures.failed(ACTION, "uploadId=" + uploadId + " attempt " + attempt, failure);
      }
    }
  }
}
