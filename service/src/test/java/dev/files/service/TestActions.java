package dev.files.service;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Stand-in actions for transport tests, under real action names so the real schemas apply:
 * files.info echoes the caller and request, files.tag.add counts its runs, files.head fails with an
 * internal error carrying a secret, files.report fails with not-found, files.list reads the store.
 */
public final class TestActions {
  /** A message that must never reach a client. */
  public static final String SECRET = "secret-internal-detail";

  public final AtomicInteger tagAddRuns = new AtomicInteger();

  public List<Action> create(FilesServer.Parts parts) {
    return List.of(
        action(
            "files.info",
            (caller, request) ->
                Future.succeededFuture(
                    new JsonObject()
                        .put("caller", caller.user())
                        .put("admin", caller.admin())
                        .put("actor", caller.actor())
                        .put("origin", caller.origin().toJson())
                        .put("request", request))),
        action(
            "files.tag.add",
            (caller, request) -> {
              tagAddRuns.incrementAndGet();
              return Future.succeededFuture(new JsonObject().put("ok", true));
            }),
        action(
            "files.head",
            (caller, request) -> {
              throw new IllegalStateException(SECRET);
            }),
        action(
            "files.report",
            (caller, request) -> Future.failedFuture(FileError.notFound("no such owner"))),
        action(
            "files.list",
            (caller, request) ->
                parts
                    .stores()
                    .primary()
                    .get(UUID.randomUUID().toString())
                    .map(r -> new JsonObject())
                    .otherwise(e -> new JsonObject().put("looked", true))));
  }

  static Action action(String name, BiFunction<Caller, JsonObject, Future<JsonObject>> body) {
    return new Action() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<JsonObject> handle(Caller caller, JsonObject request) {
        return body.apply(caller, request);
      }
    };
  }
}
