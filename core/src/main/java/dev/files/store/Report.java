package dev.files.store;

import dev.files.model.Status;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts and byte sums over listed records ({@link Scope#LISTED}) of one owner or of all.
 *
 * @param total number of records
 * @param publicCount records with {@code public} set
 * @param byStatus number of records per status; statuses with none are absent
 * @param totalContentLength sum of contentLength
 * @param publicContentLength sum of contentLength of the public records
 */
public record Report(
    long total,
    long publicCount,
    Map<Status, Long> byStatus,
    long totalContentLength,
    long publicContentLength) {

  public Report {
    byStatus = byStatus.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byStatus));
  }

  public JsonObject toJson() {
    JsonObject statuses = new JsonObject();
    for (Status s : Status.values()) {
      Long n = byStatus.get(s);
      if (n != null && n > 0) {
        statuses.put(s.wire(), n);
      }
    }
    return new JsonObject()
        .put("total", total)
        .put("public", publicCount)
        .put("byStatus", statuses)
        .put("totalContentLength", totalContentLength)
        .put("publicContentLength", publicContentLength);
  }
}
