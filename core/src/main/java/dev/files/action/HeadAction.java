package dev.files.action;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * files.head: which of the caller's aliases exist. The reply's {@code uploadIds} is aligned with
 * the request's aliases: the uploadId, or null when the caller has no (visible) file with it.
 */
final class HeadAction extends BaseAction {
  static final int MAX_ALIASES = 100;
  private static final Set<String> KEYS = Set.of("username", "aliases");

  HeadAction(ActionContext ctx) {
    super(ctx, "files.head");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    List<String> aliases = p.strings("aliases");
    if (aliases == null || aliases.size() > MAX_ALIASES) {
      throw p.invalid("aliases", "must be an array of at most " + MAX_ALIASES + " strings");
    }
    String user = Access.requireUser(caller, request);
    if (user == null) {
      throw FileError.validation("username is required", "username");
    }
    List<Future<String>> ids = new ArrayList<>();
    for (String alias : aliases) {
      ids.add(lookup(caller, user, alias.trim()));
    }
    return Future.all(ids)
        .map(
            all -> {
              JsonArray out = new JsonArray();
              for (int i = 0; i < ids.size(); i++) {
                out.add(all.<String>resultAt(i));
              }
              return new JsonObject().put("uploadIds", out);
            });
  }

  private Future<String> lookup(Caller caller, String user, String alias) {
    if (alias.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return ctx.primary()
        .getByAlias(user, alias)
        .map(r -> r.deletedAt() != null && !caller.admin() ? null : r.uploadId())
        .recover(
            err -> Cas.isNotFound(err) ? Future.succeededFuture(null) : Future.failedFuture(err));
  }
}
