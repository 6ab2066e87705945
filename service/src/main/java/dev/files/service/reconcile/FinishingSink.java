package dev.files.service.reconcile;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TraceIds;
import dev.files.service.trace.Tracing;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;

/**
 * The service's {@link FinalizeSink}: every finalize event becomes files.finish as the system, in a
 * span {@code files.finish} (a child of the notification's span, linked to the upload's request)
 * whose trace id the history entry's origin carries.
 */
public final class FinishingSink implements FinalizeSink {
  private static final Origin NOTIFICATION = Origin.of(Origin.NOTIFICATION);

  private final Action finish;
  private final Tracing tracing;

  public FinishingSink(Action finish) {
    this(finish, Tracing.off());
  }

  public FinishingSink(Action finish, Tracing tracing) {
    this.finish = finish;
    this.tracing = tracing;
  }

  @Override
  public Future<Void> accept(ObjectFinalized event) {
    return tracing.inSpan(
        finish.name(),
        SpanKind.INTERNAL,
        Context.current(),
        new SpanTags(finish.name(), null, null),
        true,
        span ->
            finish
                .handle(
                    Caller.system(
                        WriteContext.STORAGE_NOTIFICATION, TraceIds.stamped(NOTIFICATION, span)),
                    event.toFinishRequest())
                .mapEmpty());
  }
}
