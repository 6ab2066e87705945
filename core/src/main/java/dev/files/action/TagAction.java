package dev.files.action;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** files.tag.add and files.tag.remove: the same request, a different change to the tag list. */
abstract class TagAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("uploadId", "username", "tags");

  TagAction(ActionContext ctx, String name) {
    super(ctx, name);
  }

  /** The record with its tags changed, or {@code cur} itself when nothing changes. */
  protected abstract FileRecord change(FileRecord cur, List<String> tags, long now);

  @Override
  protected final Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    List<String> raw = p.strings("tags");
    if (raw == null) {
      throw p.invalid("tags", "is required");
    }
    List<String> tags = Meta.tags(raw, "tags");
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    return edit(caller, user, uploadId, cur -> change(cur, tags, now)).map(Views::file);
  }
}
