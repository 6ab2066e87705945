package dev.files.service.process;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs files.process as the system for every upload signalled on {@link ProcessSignals#ADDRESS}. A
 * failure that another attempt may cure is retried with exponential back-off, up to {@code
 * maxTries} attempts; files.process itself refuses once the record's errorCount reached maxTries.
 * Nothing is kept in memory that the store does not also know: a lost retry is found again by the
 * reconciler.
 */
public final class ProcessingWorker extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingWorker.class);
  private static final Set<ErrorCode> RETRYABLE =
      EnumSet.of(
          ErrorCode.UNAVAILABLE,
          ErrorCode.INTERNAL,
          ErrorCode.INVALID_CONTENT,
          ErrorCode.VERSION_CONFLICT);

  private final Action process;
  private final int maxTries;
  private final Duration firstDelay;
  private final ProcessingQueue queue;
  private MessageConsumer<String> consumer;

  public ProcessingWorker(Action process, int maxTries, Duration firstDelay) {
    this(process, maxTries, firstDelay, new ProcessingQueue());
  }

  /** With a queue the caller exports as metrics. */
  public ProcessingWorker(
      Action process, int maxTries, Duration firstDelay, ProcessingQueue queue) {
    this.process = process;
    this.maxTries = maxTries;
    this.firstDelay = firstDelay;
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
        .handle(Caller.system(), new JsonObject().put("uploadId", uploadId))
        .onSuccess(
            record -> {
              log(uploadId, attempt, null);
              queue.settled(true);
            })
        .onFailure(
            e -> {
              FileError error = FileError.of(e);
              log(uploadId, attempt, error);
              if (RETRYABLE.contains(error.code()) && attempt < maxTries) {
                long delay = firstDelay.toMillis() << (attempt - 1);
                vertx.setTimer(Math.max(1, delay), t -> attempt(uploadId, attempt + 1));
              } else {
                queue.settled(false);
              }
            });
  }

  private static void log(String uploadId, int attempt, FileError error) {
    try (MDC.MDCCloseable a = MDC.putCloseable("action", "files.process");
        MDC.MDCCloseable u = MDC.putCloseable("uploadId", uploadId)) {
      if (error == null) {
        LOG.info("processed (attempt {})", attempt);
      } else {
        LOG.warn(
            "processing attempt {} failed: {} {}",
            attempt,
            error.code().code(),
            error.getMessage());
      }
    }
  }
}
