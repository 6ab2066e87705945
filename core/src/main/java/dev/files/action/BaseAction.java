package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * What every action shares: the context, turning a thrown error into a failed future, and one log
 * line per failure with the action, uploadId and user.
 */
abstract class BaseAction implements Action {
  private static final Logger LOG = LoggerFactory.getLogger(BaseAction.class);

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
    return result.recover(
        err -> {
          FileError fe = FileError.of(err);
          logFailure(caller, body, fe);
          return Future.failedFuture(fe);
        });
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
                    r,
                    ctx.options().casAttempts(),
                    cur -> step.apply(Access.owned(caller, user, cur))))
        .map(Cas.Changed::after);
  }

  /** The action itself; may throw {@link FileError} for validation, access and state. */
  protected abstract Future<JsonObject> run(Caller caller, JsonObject request);

  private void logFailure(Caller caller, JsonObject body, FileError fe) {
    String line =
        "action="
            + name
            + " uploadId="
            + body.getValue("uploadId", body.getValue("filename"))
            + " user="
            + Access.user(caller, body)
            + " failed: "
            + fe.code().code()
            + " "
            + fe.getMessage();
    if (fe.code() == ErrorCode.INTERNAL || fe.code() == ErrorCode.UNAVAILABLE) {
      LOG.warn(line, fe.getCause() != null ? fe.getCause() : fe);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(line);
    }
  }
}
