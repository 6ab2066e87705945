package dev.files.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The record as the API shows it (docs/api.md): real JSON types, unset fields absent, custom fields
 * as top-level {@code c_*} keys. The only place that knows the record's wire names.
 */
public final class FileRecordJson {
  private FileRecordJson() {}

  public static JsonObject toJson(FileRecord r) {
    JsonObject j = new JsonObject().put("uploadId", r.uploadId()).put("owner", r.owner());
    j.put("status", r.status().wire());
    putIfSet(j, "name", r.name());
    putIfSet(j, "description", r.description());
    putIfSet(j, "website", r.website());
    putIfSet(j, "alias", r.alias());
    j.put("tags", new JsonArray(new ArrayList<>(r.tags())));
    r.custom().forEach(j::put);
    putIfSet(j, "uploadType", r.uploadType());
    j.put("public", r.isPublic())
        .put("directOnly", r.directOnly())
        .put("unlisted", r.unlisted())
        .put("temp", r.temp())
        .put("parts", r.partCount())
        .put("uploaded", r.uploadedParts())
        .put("contentLength", r.contentLength());
    JsonArray files = new JsonArray();
    r.parts().forEach(p -> files.add(p.toJson()));
    j.put("files", files);
    putIfSet(j, "startedAt", r.startedAt());
    putIfSet(j, "uploadedAt", r.uploadedAt());
    putIfSet(j, "processedAt", r.processedAt());
    putIfSet(j, "updatedAt", r.updatedAt());
    putIfSet(j, "deletedAt", r.deletedAt());
    putIfSet(j, "leaseUntil", r.leaseUntil());
    putIfSet(j, "error", r.error());
    j.put("errorCount", r.errorCount()).put("version", r.version());
    putIfSet(j, "postAction", r.postAction());
    putIfSet(j, "origin", r.origin());
    putIfSet(j, "provenance", r.provenance());
    putIfSet(j, "traceparent", r.traceparent());
    return j;
  }

  /** Reads {@link #toJson} back; custom fields are every key starting with {@code c_}. */
  public static FileRecord fromJson(JsonObject j) {
    FileRecord.Builder b =
        FileRecord.builder()
            .uploadId(j.getString("uploadId"))
            .owner(j.getString("owner"))
            .status(Status.fromWire(j.getString("status")))
            .name(j.getString("name"))
            .description(j.getString("description"))
            .website(j.getString("website"))
            .alias(j.getString("alias"))
            .tags(tags(j.getJsonArray("tags")))
            .uploadType(j.getString("uploadType"))
            .isPublic(j.getBoolean("public", false))
            .directOnly(j.getBoolean("directOnly", false))
            .unlisted(j.getBoolean("unlisted", false))
            .temp(j.getBoolean("temp", false))
            .partCount(j.getInteger("parts", 0))
            .uploadedParts(j.getInteger("uploaded", 0))
            .contentLength(j.getLong("contentLength", 0L))
            .parts(parts(j.getJsonArray("files")))
            .startedAt(j.getLong("startedAt"))
            .uploadedAt(j.getLong("uploadedAt"))
            .processedAt(j.getLong("processedAt"))
            .updatedAt(j.getLong("updatedAt"))
            .deletedAt(j.getLong("deletedAt"))
            .leaseUntil(j.getLong("leaseUntil"))
            .error(j.getString("error"))
            .errorCount(j.getInteger("errorCount", 0))
            .version(j.getLong("version", 0L))
            .postAction(j.getJsonObject("postAction"))
            .origin(j.getString("origin"))
            .provenance(j.getJsonObject("provenance"))
            .traceparent(j.getString("traceparent"));
    for (String key : j.fieldNames()) {
      if (Fields.isCustom(key)) {
        b.custom(key, j.getValue(key));
      }
    }
    return b.build();
  }

  private static List<String> tags(JsonArray tags) {
    return tags == null ? List.of() : tags.stream().map(String::valueOf).toList();
  }

  private static List<Part> parts(JsonArray files) {
    List<Part> parts = new ArrayList<>();
    if (files != null) {
      for (int i = 0; i < files.size(); i++) {
        parts.add(Part.fromJson(files.getJsonObject(i)));
      }
    }
    return parts;
  }

  private static void putIfSet(JsonObject j, String key, Object value) {
    if (value != null) {
      j.put(key, value);
    }
  }
}
