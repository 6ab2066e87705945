package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * What every action shares: the context and turning a thrown error into a failed {@link FileError}.
 * An action does not log its own failure: the caller that ends it does, once (the dispatcher, the
 * processing worker, the notification processor, with {@link dev.files.error.FailureLog}).
 */
abstract class BaseAction implements Action {
  protected final ActionContext ctx;
  private final String name;

  BaseAction(ActionContext ctx, String name) {
    this.ctx = ctx;
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Future<JsonObject> handle(Caller caller, JsonObject request) {
    JsonObject body = request == null ? new JsonObject() : request;
    Future<JsonObject> result;
    try {
      result = run(caller, body);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.recover(err -> Future.failedFuture(FileError.of(err)));
  }

  /**
   * A change by the owner (or an admin): reads the record, checks access on every attempt and
   * writes by compare-and-set, retrying on version conflicts. The step returns the record itself to
   * write nothing.
   */
  protected Future<FileRecord> edit(
      Caller caller, String user, String uploadId, UnaryOperator<FileRecord> step) {
    return ctx.primary()
        .get(uploadId)
        .compose(
            r ->
                Cas.change(
                    ctx.primary(),
                    writing(caller),
                    r,
                    ctx.options().casAttempts(),
                    cur -> step.apply(Access.owned(caller, user, cur))))
        .map(Cas.Changed::after);
  }

  /** What this action's writes for {@code caller} tell the record's history. */
  protected WriteContext writing(Caller caller) {
    return new WriteContext(
        name, caller.historyActor(), ctx.now(), caller.origin(), ctx.options().history());
  }

  /** The action itself; may throw {@link FileError} for validation, access and state. */
  protected abstract Future<JsonObject> run(Caller caller, JsonObject request);
}
