package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * files.restore: the owner (or an admin) brings back a soft-deleted file within retention. The
 * reply is the record. A file that is not deleted is returned unchanged; one past retention or
 * hard-removed is 404 (it is being purged). Other users get 404, as for every deleted file.
 */
final class RestoreAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("uploadId", "username");
  private final Removal removal;

  RestoreAction(ActionContext ctx, Removal removal) {
    super(ctx, "files.restore");
    this.removal = removal;
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    return Cas.change(
            ctx.primary(),
            writing(caller),
            uploadId,
            ctx.options().casAttempts(),
            cur -> restored(caller, user, cur, now))
        .map(changed -> Views.file(changed.after()));
  }

  private FileRecord restored(Caller caller, String user, FileRecord cur, long now) {
    boolean mine = caller.admin() || cur.owner().equals(user);
    if (!mine) {
      Access.owned(caller, user, cur);
    }
    if (cur.deletedAt() == null) {
      return cur;
    }
    if (removal.pastRetention(cur)) {
      throw FileError.notFound("file " + cur.uploadId() + " is removed");
    }
    return cur.toBuilder().deletedAt(null).updatedAt(now).build();
  }
}
