package dev.files.action;

import dev.files.model.FileRecord;
import dev.files.store.Cursor;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Scope;
import dev.files.store.Sort;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * files.report: counts and sizes over an owner's listed files (default: the caller's; another
 * owner, or every owner, needs admin). {@code includeStorage} adds {@code storage: {files,
 * contentLength}} over every record of the owner, whatever its state (pending, temp, unlisted,
 * soft-deleted): what the owner occupies in storage. It is counted in pages, bounded by
 * files.sync's per-run limit, and says {@code complete: false} when it stopped there.
 */
final class ReportAction extends BaseAction {
  private static final Set<String> KEYS = Set.of("username", "owner", "includeStorage");

  ReportAction(ActionContext ctx) {
    super(ctx, "files.report");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String user = Access.requireUser(caller, request);
    String owner = p.string("owner", 1, 128);
    if (owner == null) {
      owner = user;
    }
    if (owner == null || !owner.equals(user)) {
      Access.requireAdmin(caller);
    }
    String who = owner;
    Future<JsonObject> report = ctx.list().report(who).map(r -> r.toJson());
    if (!p.bool("includeStorage", false)) {
      return report;
    }
    return report.compose(json -> storage(who).map(s -> json.put("storage", s)));
  }

  private Future<JsonObject> storage(String owner) {
    ListQuery first =
        new ListQuery(
            Scope.ALL,
            owner,
            false,
            List.of(),
            Filter.TRUE,
            Sort.asc("startedAt"),
            0,
            ctx.options().syncPageSize(),
            null,
            false); // pages are followed by cursor; a total would recount the matches every page
    return count(first, new JsonObject().put("files", 0L).put("contentLength", 0L));
  }

  private Future<JsonObject> count(ListQuery q, JsonObject acc) {
    return ctx.list()
        .list(q)
        .compose(
            page -> {
              for (FileRecord r : page.items()) {
                acc.put("files", acc.getLong("files") + 1)
                    .put("contentLength", acc.getLong("contentLength") + r.contentLength());
              }
              Cursor next = page.next();
              boolean more = next != null;
              if (more && acc.getLong("files") < ctx.options().syncMaxPerRun()) {
                return count(q.withCursor(next), acc);
              }
              return Future.succeededFuture(acc.put("complete", !more));
            });
  }
}
