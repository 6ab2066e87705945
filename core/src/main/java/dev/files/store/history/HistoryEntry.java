package dev.files.store.history;

import dev.files.model.FileRecord;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One change of a record, as files.history shows it.
 *
 * @param action the action that wrote it
 * @param actor a username, or the part of the service that acted
 * @param at when, epoch milliseconds
 * @param versionBefore the record's version before the change; 0 for the create
 * @param versionAfter its version after; unique per record, so it orders and pages the history
 * @param changes {@code {field: {"old": ..., "new": ...}}} of the fields that changed ({@link
 *     FieldChanges})
 * @param origin where the request came from
 */
public record HistoryEntry(
    String action,
    String actor,
    long at,
    long versionBefore,
    long versionAfter,
    JsonObject changes,
    Origin origin) {

  public HistoryEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    changes = changes == null ? new JsonObject() : changes;
    origin = origin == null ? Origin.unknown() : origin;
  }

  /**
   * The entry of the write that replaces {@code before} (null for a create) with {@code after}; the
   * store writes it only if the record is still at {@code before}'s version, so the changes it
   * lists are exactly the write's.
   */
  public static HistoryEntry of(FileRecord before, FileRecord after, WriteContext context) {
    long from = before == null ? 0 : before.version();
    return new HistoryEntry(
        context.action(),
        context.actor(),
        context.at(),
        from,
        from + 1,
        FieldChanges.between(before, after),
        context.origin());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("action", action)
        .put("actor", actor)
        .put("at", at)
        .put("versionBefore", versionBefore)
        .put("versionAfter", versionAfter)
        .put("changes", changes.copy())
        .put("origin", origin.toJson());
  }

  public static HistoryEntry fromJson(JsonObject j) {
    return new HistoryEntry(
        j.getString("action"),
        j.getString("actor"),
        j.getLong("at", 0L),
        j.getLong("versionBefore", 0L),
        j.getLong("versionAfter", 0L),
        j.getJsonObject("changes"),
        Origin.fromJson(j.getJsonObject("origin")));
  }

  /** The compact encoding stores keep (one JSON object). */
  public String encode() {
    return toJson().encode();
  }

  public static HistoryEntry decode(String encoded) {
    return fromJson(new JsonObject(encoded));
  }
}
