package dev.files.action;

import io.vertx.core.json.JsonObject;

/**
 * The stored postAction of files.upload, run by files.process: {@code {"update": {"meta": {...}}}}
 * applies the meta as files.update would. The contract's shorthand {@code {"update": {...meta}}} is
 * read too ({@code meta} is no meta property, so the two cannot be confused).
 */
final class PostAction {
  static final String PATH = "postAction.update.meta";

  private PostAction() {}

  /** The meta to apply, or null when there is none. */
  static JsonObject meta(JsonObject postAction) {
    if (postAction == null || !(postAction.getValue("update") instanceof JsonObject update)) {
      return null;
    }
    if (update.size() == 1 && update.getValue("meta") instanceof JsonObject meta) {
      return meta;
    }
    return update;
  }
}
