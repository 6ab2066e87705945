package dev.files.action;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of every {@code files.*} action, built over one {@link ActionContext}. Transports
 * look actions up by name (the event bus address; HTTP path with dots as slashes).
 */
public final class Actions {
  private final Map<String, Action> byName = new LinkedHashMap<>();

  public Actions(ActionContext ctx) {
    Removal removal = new Removal(ctx);
    FinishAction finish = new FinishAction(ctx);
    register(new UploadAction(ctx));
    register(finish);
    register(new ProcessAction(ctx));
    register(new InfoAction(ctx));
    register(new HistoryAction(ctx));
    register(new DownloadAction(ctx));
    register(new ListAction(ctx));
    register(new HeadAction(ctx));
    register(new ReportAction(ctx));
    register(new UpdateAction(ctx));
    register(new TagAddAction(ctx));
    register(new TagRemoveAction(ctx));
    register(new AccessAction(ctx));
    register(new RemoveAction(ctx, removal));
    register(new RestoreAction(ctx, removal));
    register(new SyncAction(ctx, finish, removal));
  }

  private void register(Action action) {
    byName.put(action.name(), action);
  }

  /** Every action, in the order of docs/api.md. */
  public Collection<Action> all() {
    return Collections.unmodifiableCollection(byName.values());
  }

  /** The action, or null when there is none by that name. */
  public Action get(String name) {
    return byName.get(name);
  }

  /** Runs the named action; an unknown name is {@code not-found}. */
  public Future<JsonObject> call(String name, Caller caller, JsonObject request) {
    Action action = byName.get(name);
    if (action == null) {
      return Future.failedFuture(FileError.notFound("no action " + name));
    }
    return action.handle(caller, request);
  }
}
