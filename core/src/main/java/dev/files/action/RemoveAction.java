package dev.files.action;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * files.remove. Soft: sets deletedAt; the record is hidden from everyone but admins until
 * files.restore or the purge after retention. Hard: marks the record for purging (see {@link
 * Removal}) and purges it at once; if an object delete fails the reply is still {@code removed:
 * true}, since the record is gone for users and files.sync finishes the job.
 */
final class RemoveAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("uploadId", "username", "softDelete");
  private final Removal removal;

  RemoveAction(ActionContext ctx, Removal removal) {
    super(ctx, "files.remove");
    this.removal = removal;
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    boolean soft = p.bool("softDelete", false);
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    Future<?> done =
        soft
            ? edit(caller, user, uploadId, cur -> softDeleted(cur, now))
            : edit(caller, user, uploadId, cur -> Removal.marked(cur, now))
                .compose(marked -> removal.purge(marked, name()));
    return done.map(v -> new JsonObject().put("uploadId", uploadId).put("removed", true));
  }

  private static FileRecord softDeleted(FileRecord cur, long now) {
    return cur.deletedAt() != null ? cur : cur.toBuilder().deletedAt(now).updatedAt(now).build();
  }
}
