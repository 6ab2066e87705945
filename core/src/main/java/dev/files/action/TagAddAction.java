package dev.files.action;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** files.tag.add: the owner adds tags (normalised like meta.tags; at most 32 in all). */
final class TagAddAction extends BaseAction {
  static final Set<String> KEYS = Set.of("uploadId", "username", "tags");

  TagAddAction(ActionContext ctx) {
    super(ctx, "files.tag.add");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    List<String> raw = p.strings("tags");
    if (raw == null) {
      throw p.invalid("tags", "is required");
    }
    List<String> tags = Meta.tags(raw, "tags");
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    return edit(caller, user, uploadId, cur -> withTags(cur, tags, now)).map(Views::file);
  }

  private static FileRecord withTags(FileRecord cur, List<String> tags, long now) {
    LinkedHashSet<String> all = new LinkedHashSet<>(cur.tags());
    if (!all.addAll(tags)) {
      return cur;
    }
    List<String> next = Meta.limitTags(new ArrayList<>(all), "tags");
    return cur.toBuilder().tags(next).updatedAt(now).build();
  }
}
