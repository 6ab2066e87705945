package dev.files.action;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One {@code files.*} action, free of any transport: HTTP, the event bus, the reconciler and tests
 * all call the same instance. The request has passed the action's JSON schema already; the action
 * enforces the rest (access, state, semantic limits) and fails with {@link
 * dev.files.error.FileError}.
 */
public interface Action {

  /** The action's name, e.g. {@code files.tag.add}; also its event bus address. */
  String name();

  /** Performs the action; the reply JSON of docs/api.md. */
  Future<JsonObject> handle(Caller caller, JsonObject request);
}
