package dev.files.syncer;

import dev.files.store.couchdb.CouchDbReplica;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records the syncer could not apply for a permanent reason (see {@link dev.files.error.Retry}):
 * parked in the CouchDB document {@code _local/files-syncer-parked} (uploadId to {@code {version,
 * error, at}}), so that {@code verify} reports them, and cleared by {@code verify --repair} once
 * the record is in parity. Updated with compare-and-set on the document's revision.
 */
final class Parked {
  static final String DOCUMENT = "files-syncer-parked";
  private static final String RECORDS = "records";

  private final CouchDbReplica couch;

  Parked(CouchDbReplica couch) {
    this.couch = couch;
  }

  /** Parks {@code uploadId} with the reason it could not be applied. */
  Future<Void> park(String uploadId, long version, String error) {
    JsonObject entry =
        new JsonObject()
            .put("version", version)
            .put("error", error)
            .put("at", System.currentTimeMillis());
    return couch
        .updateLocal(
            DOCUMENT,
            doc -> {
              withRecords(doc).put(uploadId, entry);
              return doc;
            })
        .mapEmpty();
  }

  /** The parked uploadIds, in no particular order. */
  Future<List<String>> ids() {
    return couch
        .readLocal(DOCUMENT)
        .map(
            doc ->
                doc == null
                    ? List.of()
                    : new ArrayList<>(doc.getJsonObject(RECORDS, new JsonObject()).fieldNames()));
  }

  /** Removes these uploadIds from the parked ones. */
  Future<Void> clear(Collection<String> uploadIds) {
    if (uploadIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return couch
        .updateLocal(
            DOCUMENT,
            doc -> {
              JsonObject records = withRecords(doc);
              uploadIds.forEach(records::remove);
              return doc;
            })
        .mapEmpty();
  }

  private static JsonObject withRecords(JsonObject doc) {
    JsonObject records = doc.getJsonObject(RECORDS);
    if (records == null) {
      records = new JsonObject();
      doc.put(RECORDS, records);
    }
    return records;
  }
}
