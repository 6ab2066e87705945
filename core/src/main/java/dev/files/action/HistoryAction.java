package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.history.HistoryEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * files.history: a record's changes, oldest first, a page at a time. The owner and admins may read
 * it (a soft-deleted record's: admins only, as files.info); anyone else gets what files.info would
 * give them, or 403 for a public file, whose history is not public.
 *
 * <p>The cursor is the last entry's {@code versionAfter}: versions only grow, so a page never
 * repeats or skips an entry that retention has not dropped.
 */
final class HistoryAction extends BaseAction {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final Set<String> KEYS = Set.of("username", "uploadId", "cursor", "limit");

  HistoryAction(ActionContext ctx) {
    super(ctx, "files.history");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    long after = cursor(p.string("cursor", 1, 20));
    int limit = (int) p.longValue("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    String user = Access.requireUser(caller, request);
    return ctx.primary()
        .get(uploadId)
        .map(r -> allowed(caller, user, r))
        .compose(r -> ctx.primary().history(uploadId, after, limit + 1))
        .map(entries -> reply(user, uploadId, entries, limit));
  }

  private static FileRecord allowed(Caller caller, String user, FileRecord r) {
    Access.readable(caller, user, r);
    if (caller.admin() || r.owner().equals(user)) {
      return r;
    }
    throw FileError.forbidden("the history of file " + r.uploadId() + " is its owner's");
  }

  private static long cursor(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      long v = Long.parseLong(cursor);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw FileError.validation("cursor is not one files.history gave", "cursor");
  }

  private static JsonObject reply(
      String user, String uploadId, List<HistoryEntry> entries, int limit) {
    List<HistoryEntry> page = entries.subList(0, Math.min(limit, entries.size()));
    JsonArray out = new JsonArray();
    page.forEach(e -> out.add(e.toJson()));
    String next =
        entries.size() > limit ? Long.toString(page.get(page.size() - 1).versionAfter()) : null;
    return new JsonObject()
        .put("username", user)
        .put("uploadId", uploadId)
        .put("entries", out)
        .put("cursor", next);
  }
}
