package dev.files.service.reconcile;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import io.vertx.core.Future;

/** The service's {@link FinalizeSink}: every finalize event becomes files.finish as the system. */
public final class FinishingSink implements FinalizeSink {
  private final Action finish;

  public FinishingSink(Action finish) {
    this.finish = finish;
  }

  @Override
  public Future<Void> accept(ObjectFinalized event) {
    return finish.handle(Caller.system(), event.toFinishRequest()).mapEmpty();
  }
}
