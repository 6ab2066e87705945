package dev.files.action;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import io.vertx.core.json.JsonObject;

/** How records appear in replies: the API's fields, without the service's internal ones. */
final class Views {
  private Views() {}

  static JsonObject file(FileRecord r) {
    JsonObject j = FileRecordJson.toJson(r);
    j.remove("postAction");
    j.remove("origin");
    j.remove("traceparent");
    j.remove("leaseUntil");
    j.remove("provenance");
    return j;
  }

  /** The record with its provenance, for its owner and admins. */
  static JsonObject fileWithProvenance(FileRecord r) {
    JsonObject j = file(r);
    JsonObject provenance = r.provenance();
    if (provenance != null) {
      j.put("provenance", provenance);
    }
    return j;
  }
}
