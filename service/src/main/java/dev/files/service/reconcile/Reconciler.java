package dev.files.service.reconcile;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
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
 * retention purged. One run at a time.
 */
public final class Reconciler extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /** The username the reconciler's files.sync requests carry. */
  public static final String SYSTEM_USER = "files-reconciler";

  private static final Caller RECONCILER =
      Caller.system(WriteContext.RECONCILER, Origin.of(Origin.INTERNAL));

  private final Action sync;
  private final Duration interval;
  private long timer = -1;
  private boolean running;

  public Reconciler(Action sync, Duration interval) {
    this.sync = sync;
    this.interval = interval;
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
    sync.handle(RECONCILER, new JsonObject().put("username", SYSTEM_USER))
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
