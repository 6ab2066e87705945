package dev.files.action;

import dev.files.model.FileRecord;
import io.vertx.core.json.JsonObject;

/** How records appear in replies: the API's fields, without the service's internal ones. */
final class Views {
  private Views() {}

  static JsonObject file(FileRecord r) {
    JsonObject j = r.toJson();
    j.remove("postAction");
    j.remove("origin");
    j.remove("traceparent");
    j.remove("leaseUntil");
    return j;
  }
}
