package dev.files.store.couchdb;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.HistoryRetention;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The document layout. A record is one document, {@code _id} = uploadId, holding the record's JSON
 * ({@link FileRecordJson#toJson}) plus derived fields the indexes need:
 *
 * <ul>
 *   <li>{@code x_all: true} on every record document (alias documents have none of the {@code x_}
 *       fields, so no record query ever sees them);
 *   <li>{@code x_listed}: {@link FileRecord#listed()}; {@code x_public}: listed and publicly
 *       listed;
 *   <li>explicit {@code null} for every indexed field the record lacks ({@link #NULLABLE}), because
 *       CouchDB leaves a document out of a JSON index that lacks one of its fields; with the null
 *       the document stays in and sorts first, as "missing" must.
 * </ul>
 *
 * An alias document has {@code _id} {@code alias:<owner>:<alias>} (both URL-encoded, so the
 * separator is unambiguous) and {@code {x_alias, owner, alias, uploadId, version, at}}: a claim by
 * the record {@code uploadId} for the write that gives it {@code version}, made at {@code at}; a
 * replica's alias document also lists every claimant in {@code claims} ({@link AliasClaims}). A
 * tombstone of a deleted record keeps {@code version} (the deleted version plus one), which holds
 * back older versions a late replay might bring.
 */
final class CouchDbCodec {
  static final String ALIAS_PREFIX = "alias:";

  /**
   * Change entries written by releases before the store dropped its change feed: never written now,
   * skipped where id ranges are read, deleted by the migration in docs/backends/couchdb.md.
   */
  static final String CHANGE_PREFIX = "chg:";

  /** Indexed fields a record may lack: written as explicit nulls. */
  static final List<String> NULLABLE =
      List.of(
          "name",
          "description",
          "website",
          "alias",
          "uploadType",
          "startedAt",
          "uploadedAt",
          "processedAt");

  private CouchDbCodec() {}

  /** The document for a record; {@code rev} null for a new document. */
  static JsonObject toDoc(FileRecord r, String rev) {
    JsonObject doc = new JsonObject().put("_id", r.uploadId());
    if (rev != null) {
      doc.put("_rev", rev);
    }
    doc.mergeIn(FileRecordJson.toJson(r));
    for (String f : NULLABLE) {
      if (doc.getValue(f) == null) {
        doc.putNull(f);
      }
    }
    boolean listed = r.listed();
    doc.put("x_all", true).put("x_listed", listed).put("x_public", listed && r.publiclyListed());
    return doc;
  }

  /** The history field of a record document: its entries' JSON, oldest first. */
  static final String HISTORY = "x_history";

  /**
   * {@code next} with the history of {@code previous} (null: none) plus {@code entry}, less what
   * the retention drops.
   */
  static JsonObject withHistory(
      JsonObject next, JsonObject previous, HistoryEntry entry, HistoryRetention retention) {
    List<HistoryEntry> all = new ArrayList<>(previous == null ? List.of() : history(previous));
    all.add(entry);
    JsonArray kept = new JsonArray();
    retention.kept(all, entry.at()).forEach(e -> kept.add(e.toJson()));
    return next.put(HISTORY, kept);
  }

  /** The history a record document holds, oldest first. */
  static List<HistoryEntry> history(JsonObject doc) {
    JsonArray entries = doc.getJsonArray(HISTORY);
    List<HistoryEntry> out = new ArrayList<>();
    if (entries != null) {
      for (int i = 0; i < entries.size(); i++) {
        out.add(HistoryEntry.fromJson(entries.getJsonObject(i)));
      }
    }
    return out;
  }

  /** The record a document holds. */
  static FileRecord fromDoc(JsonObject doc) {
    return FileRecordJson.fromJson(doc);
  }

  static String aliasId(String owner, String alias) {
    return ALIAS_PREFIX + enc(owner) + ":" + enc(alias);
  }

  /** A claim of {@code alias} by {@code r} for the write that stores {@code r}. */
  static JsonObject aliasDoc(FileRecord r, String rev, long now) {
    JsonObject doc =
        new JsonObject()
            .put("_id", aliasId(r.owner(), r.alias()))
            .put("x_alias", true)
            .put("owner", r.owner())
            .put("alias", r.alias())
            .put("uploadId", r.uploadId())
            .put("version", r.version())
            .put("at", now);
    if (rev != null) {
      doc.put("_rev", rev);
    }
    return doc;
  }

  /**
   * The tombstone that replaces record {@code uploadId} at {@code rev}: a live document (not {@code
   * _deleted}) so that a later create of the same uploadId knows the revision it writes on top of.
   */
  static JsonObject tombstone(String uploadId, String rev, long version) {
    return new JsonObject()
        .put("_id", uploadId)
        .put("_rev", rev)
        .put("x_deleted", true)
        .put("version", version);
  }

  static boolean isTombstone(JsonObject doc) {
    return doc.getBoolean("x_deleted", false);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
