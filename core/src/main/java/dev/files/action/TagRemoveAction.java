package dev.files.action;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** files.tag.remove: the owner removes tags; tags the file does not carry are ignored. */
final class TagRemoveAction extends BaseAction {

  TagRemoveAction(ActionContext ctx) {
    super(ctx, "files.tag.remove");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, TagAddAction.KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    List<String> raw = p.strings("tags");
    if (raw == null) {
      throw p.invalid("tags", "is required");
    }
    List<String> tags = Meta.tags(raw, "tags");
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    return edit(caller, user, uploadId, cur -> withoutTags(cur, tags, now)).map(Views::file);
  }

  private static FileRecord withoutTags(FileRecord cur, List<String> tags, long now) {
    List<String> next = new ArrayList<>(cur.tags());
    if (!next.removeAll(tags)) {
      return cur;
    }
    return cur.toBuilder().tags(next).updatedAt(now).build();
  }
}
