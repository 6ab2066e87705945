package dev.files.service.reconcile;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TraceIds;
import dev.files.service.trace.Tracing;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Calls files.sync as the system every {@code reconcile.interval}: pending uploads whose objects
 * exist are finished, stale ones expired, stuck ones processed again, soft-deleted ones past
 * retention purged. One run at a time. With tracing on, each run is a span {@code files.sync}
 * (internal, a trace of its own) with its store and storage calls, and whatever it hands to
 * files.finish or processing, under it.
 */
public final class Reconciler extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /** The username the reconciler's files.sync requests carry. */
  public static final String SYSTEM_USER = "files-reconciler";

  private static final Origin INTERNAL = Origin.of(Origin.INTERNAL);

  private final Action sync;
  private final Duration interval;
  private final Tracing tracing;
  private long timer = -1;
  private boolean running;

  public Reconciler(Action sync, Duration interval) {
    this(sync, interval, Tracing.off());
  }

  /** With the tracing each run's span goes to. */
  public Reconciler(Action sync, Duration interval, Tracing tracing) {
    this.sync = sync;
    this.interval = interval;
    this.tracing = tracing;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), t -> runOnce());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void runOnce() {
    if (running) {
      return;
    }
    running = true;
    tracing
        .inSpan(
            sync.name(),
            SpanKind.INTERNAL,
            Context.root(),
            new SpanTags(sync.name(), null, null),
            false,
            span ->
                sync.handle(
                    Caller.system(WriteContext.RECONCILER, TraceIds.stamped(INTERNAL, span)),
                    new JsonObject().put("username", SYSTEM_USER)))
        .onComplete(
            ar -> {
              running = false;
              try (MDC.MDCCloseable a = MDC.putCloseable("action", "files.sync")) {
                if (ar.failed()) {
                  LOG.warn("reconcile run failed: {}", ar.cause().toString());
                } else if (LOG.isDebugEnabled() || changed(ar.result())) {
                  LOG.info("reconciled: {}", ar.result().encode());
                }
              }
            });
  }

  private static boolean changed(JsonObject result) {
    for (String key : new String[] {"finished", "expired", "reprocessed", "purged"}) {
      if (result.getLong(key, 0L) > 0) {
        return true;
      }
    }
    return false;
  }
}
