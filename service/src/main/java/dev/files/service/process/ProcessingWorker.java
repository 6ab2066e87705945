package dev.files.service.process;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.FailureLog;
import dev.files.error.Retry;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TraceIds;
import dev.files.service.trace.TraceMdc;
import dev.files.service.trace.Tracing;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
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
 * reconciler. Each failure is logged once, through a {@link FailureLog}. Each attempt is a span
 * {@code files.process}, a child of the signal's {@code traceparent} and linked to the upload's
 * request.
 */
public final class ProcessingWorker extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingWorker.class);
  private static final String ACTION = "files.process";
  private static final Origin INTERNAL = Origin.of(Origin.INTERNAL);
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("files.attempt");

  private final Action process;
  private final int maxTries;
  private final Duration firstDelay;
  private final FailureLog failures;
  private final ProcessingQueue queue;
  private final Tracing tracing;
  private MessageConsumer<String> consumer;

  public ProcessingWorker(Action process, int maxTries, Duration firstDelay) {
    this(process, maxTries, firstDelay, new ProcessingQueue());
  }

  /** With a queue the caller exports as metrics. */
  public ProcessingWorker(
      Action process, int maxTries, Duration firstDelay, ProcessingQueue queue) {
    this(process, maxTries, firstDelay, queue, Tracing.off());
  }

  /** With a queue the caller exports as metrics and the tracing its spans go to. */
  public ProcessingWorker(
      Action process, int maxTries, Duration firstDelay, ProcessingQueue queue, Tracing tracing) {
    this(process, maxTries, firstDelay, new FailureLog(ProcessingWorker.class), queue, tracing);
  }

  /** With the failure log to use (tests give one with their own clock and quiet period). */
  public ProcessingWorker(Action process, int maxTries, Duration firstDelay, FailureLog failures) {
    this(process, maxTries, firstDelay, failures, new ProcessingQueue(), Tracing.off());
  }

  private ProcessingWorker(
      Action process,
      int maxTries,
      Duration firstDelay,
      FailureLog failures,
      ProcessingQueue queue,
      Tracing tracing) {
    this.process = process;
    this.maxTries = maxTries;
    this.firstDelay = firstDelay;
    this.failures = failures;
    this.queue = queue;
    this.tracing = tracing;
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
                  attempt(m.body(), 1, Tracing.parentFrom(m.headers()));
                });
    return consumer.completion();
  }

  private void attempt(String uploadId, int attempt, Context parent) {
    tracing
        .inSpan(
            ACTION,
            SpanKind.CONSUMER,
            parent,
            new SpanTags(ACTION, uploadId, null),
            true,
            span -> {
              span.setAttribute(ATTEMPT, (long) attempt);
              return process
                  .handle(
                      Caller.system(
                          WriteContext.PROCESSING_WORKER, TraceIds.stamped(INTERNAL, span)),
                      new JsonObject().put("uploadId", uploadId))
                  .andThen(ar -> log(uploadId, attempt, ar.cause(), span));
            })
        .onComplete(
            ar -> {
              if (ar.failed() && Retry.isTransient(ar.cause()) && attempt < maxTries) {
                long delay = firstDelay.toMillis() << (attempt - 1);
                vertx.setTimer(Math.max(1, delay), t -> attempt(uploadId, attempt + 1, parent));
              } else {
                queue.settled(ar.succeeded());
              }
            });
  }

  private void log(String uploadId, int attempt, Throwable failure, Span span) {
    try (MDC.MDCCloseable a = MDC.putCloseable("action", ACTION);
        MDC.MDCCloseable u = MDC.putCloseable("uploadId", uploadId);
        TraceMdc t = TraceMdc.of(span)) {
      if (failure == null) {
        failures.succeeded(ACTION);
        LOG.debug("processed (attempt {})", attempt);
      } else {
        failures.failed(ACTION, "uploadId=" + uploadId + " attempt " + attempt, failure);
      }
    }
  }
}
