package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * files.info: one record by uploadId, or by alias among the caller's own files (aliases are unique
 * per owner). Owner, admin, or anyone for a public file; any status.
 */
final class InfoAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("username", "uploadId", "alias");

  InfoAction(ActionContext ctx) {
    super(ctx, "files.info");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.string("uploadId", 1, 64);
    String alias = p.string("alias", 1, 200);
    if ((uploadId == null) == (alias == null)) {
      throw FileError.validation("exactly one of uploadId and alias is required", "uploadId");
    }
    String user = Access.requireUser(caller, request);
    Future<FileRecord> found;
    if (uploadId != null) {
      found = ctx.primary().get(uploadId);
    } else if (user == null || alias.isBlank()) {
      found = Future.failedFuture(FileError.notFound("no file with alias '" + alias + "'"));
    } else {
      found = ctx.primary().getByAlias(user, alias.trim());
    }
    return found
        .map(r -> Access.readable(caller, user, r))
        .map(r -> new JsonObject().put("username", user).put("file", view(caller, user, r)));
  }

  /** The provenance (who uploaded it from where) is for the owner and admins only. */
  private static JsonObject view(Caller caller, String user, FileRecord r) {
    return caller.admin() || r.owner().equals(user) ? Views.fileWithProvenance(r) : Views.file(r);
  }
}
