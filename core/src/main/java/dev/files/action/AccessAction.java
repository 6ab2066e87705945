package dev.files.action;

import dev.files.model.FileRecord;
import dev.files.model.Part;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * files.access: the owner makes a file public or private; the objects' ACLs follow. The order never
 * exposes a private file: going private changes the ACLs first and then the record, going public
 * the record first and then the ACLs. If the second step fails the call fails and can be repeated;
 * ACLs are applied on every call, also when the record already says so.
 */
final class AccessAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("uploadId", "username", "setPublic");

  AccessAction(ActionContext ctx) {
    super(ctx, "files.access");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    if (!p.has("setPublic")) {
      throw p.invalid("setPublic", "is required");
    }
    boolean setPublic = p.bool("setPublic", false);
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    Future<FileRecord> done;
    if (setPublic) {
      done =
          edit(caller, user, uploadId, cur -> withPublic(cur, true, now))
              .compose(r -> acls(r, true).map(r));
    } else {
      done =
          ctx.primary()
              .get(uploadId)
              .map(r -> Access.owned(caller, user, r))
              .compose(r -> acls(r, false))
              .compose(v -> edit(caller, user, uploadId, cur -> withPublic(cur, false, now)));
    }
    return done.map(Views::file);
  }

  private static FileRecord withPublic(FileRecord cur, boolean value, long now) {
    return cur.isPublic() == value ? cur : cur.toBuilder().isPublic(value).updatedAt(now).build();
  }

  /** ACLs of the parts that are in storage; the others get theirs when processed. */
  private Future<Void> acls(FileRecord r, boolean value) {
    List<Future<Void>> all = new ArrayList<>();
    for (Part part : r.parts()) {
      if (part.uploaded()) {
        all.add(ctx.blobs().setPublic(part.bucket(), part.filename(), value));
      }
    }
    return Future.all(all).mapEmpty();
  }
}
