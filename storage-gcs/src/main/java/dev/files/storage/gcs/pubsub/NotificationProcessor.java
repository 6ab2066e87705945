package dev.files.storage.gcs.pubsub;

import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.Map;

/**
 * The one place push and pull turn a GCS notification into a finish and decide its fate: decode,
 * hand OBJECT_FINALIZE to the {@link FinalizeSink}, classify the result. A sink failure with code
 * {@code unavailable} or {@code internal} is {@link Outcome#TRANSIENT} (redeliver); any other is
 * {@link Outcome#REJECTED} (acknowledge, log, count). Idempotency is the sink's: files.finish keyed
 * by bucket, object and generation makes duplicates and reordered deliveries harmless.
 */
public final class NotificationProcessor {
  private static final Logger log = LoggerFactory.getLogger(NotificationProcessor.class);

  private final FinalizeSink sink;
  private final NotificationCounters counters;

  public NotificationProcessor(FinalizeSink sink, NotificationCounters counters) {
    this.sink = sink;
    this.counters = counters;
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
    return finished.transform(
        ar -> Future.succeededFuture(done(ar.succeeded() ? Outcome.APPLIED : failure(event, ar))));
  }

  private Outcome failure(ObjectFinalized event, AsyncResult<Void> ar) {
    FileError error = FileError.of(ar.cause());
    String what = "finish " + event.bucket() + "/" + event.object() + "#" + event.generation();
    if (error.code() == ErrorCode.UNAVAILABLE || error.code() == ErrorCode.INTERNAL) {
      log.warn(what + " failed for now, redelivery requested: " + error, error);
      return Outcome.TRANSIENT;
    }
    log.info(what + " rejected, acknowledged: " + error);
    return Outcome.REJECTED;
  }

  private Outcome done(Outcome outcome) {
    counters.count(outcome);
    return outcome;
  }
}
