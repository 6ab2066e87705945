package dev.files.service.reconcile;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;

/** The service's {@link FinalizeSink}: every finalize event becomes files.finish as the system. */
public final class FinishingSink implements FinalizeSink {
  private static final Caller NOTIFICATION =
      Caller.system(WriteContext.STORAGE_NOTIFICATION, Origin.of(Origin.NOTIFICATION));

  private final Action finish;

  public FinishingSink(Action finish) {
    this.finish = finish;
  }

  @Override
  public Future<Void> accept(ObjectFinalized event) {
    return finish.handle(NOTIFICATION, event.toFinishRequest()).mapEmpty();
  }
}
