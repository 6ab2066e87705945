package dev.files.storage.gcs.pubsub;

import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.error.FailureLog;
import dev.files.error.Retry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place push and pull turn a GCS notification into a finish and decide its fate: decode,
 * hand OBJECT_FINALIZE to the {@link FinalizeSink}, classify the result. A transient sink failure
 * ({@link Retry#isTransient}) is {@link Outcome#TRANSIENT} (redeliver); any other is {@link
 * Outcome#REJECTED} (acknowledge, log, count): files.sync finishes an upload whose object exists
 * even when its notification was acknowledged. Idempotency is the sink's: files.finish keyed by
 * bucket, object and generation makes duplicates and reordered deliveries harmless. Failures are
 * logged through a {@link FailureLog}, so a store outage logs a few lines, not one per message.
 */
public final class NotificationProcessor {
  private static final Logger log = LoggerFactory.getLogger(NotificationProcessor.class);

  private static final String ACTION = "files.finish";

  private final FinalizeSink sink;
  private final NotificationCounters counters;
  private final FailureLog failures;

  public NotificationProcessor(FinalizeSink sink, NotificationCounters counters) {
    this(sink, counters, new FailureLog(NotificationProcessor.class));
  }

  /** With the failure log to use (tests give one with their own clock and quiet period). */
  public NotificationProcessor(
      FinalizeSink sink, NotificationCounters counters, FailureLog failures) {
    this.sink = sink;
    this.counters = counters;
    this.failures = failures;
  }

  public NotificationCounters counters() {
    return counters;
  }

  /**
   * Processes one message; the future never fails. Call it on a Vert.x context (the sink runs the
   * service's actions).
   */
  public Future<Outcome> process(Map<String, String> attributes, byte[] data, String messageId) {
    GcsNotification decoded = GcsNotification.decode(attributes, data);
    if (decoded instanceof GcsNotification.Malformed m) {
      log.warn("notification " + messageId + " malformed, acknowledged: " + m.reason());
      return Future.succeededFuture(done(Outcome.MALFORMED));
    }
    if (decoded instanceof GcsNotification.Other o) {
      log.debug("notification " + messageId + " " + o.eventType() + " ignored");
      return Future.succeededFuture(done(Outcome.IGNORED));
    }
    ObjectFinalized event = ((GcsNotification.Finalize) decoded).event();
    Future<Void> finished;
    try {
      finished = sink.accept(event);
    } catch (RuntimeException e) {
      finished = Future.failedFuture(e);
    }
    return finished.transform(ar -> Future.succeededFuture(done(outcome(event, messageId, ar))));
  }

  private Outcome outcome(ObjectFinalized event, String messageId, AsyncResult<Void> ar) {
    if (ar.succeeded()) {
      failures.succeeded(ACTION);
      return Outcome.APPLIED;
    }
    String about =
        event.bucket()
            + "/"
            + event.object()
            + "#"
            + event.generation()
            + " (notification "
            + messageId
            + ")";
    failures.failed(ACTION, about, ar.cause());
    return Retry.isTransient(ar.cause()) ? Outcome.TRANSIENT : Outcome.REJECTED;
  }

  private Outcome done(Outcome outcome) {
    counters.count(outcome);
    return outcome;
  }
}
