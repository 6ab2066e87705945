package dev.files.store.couchdb;

import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeOp;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed from {@code _changes} ({@code feed=normal}, {@code include_docs}): one entry per
 * changed record, at its latest revision (CouchDB folds earlier revisions of a document into its
 * latest change), with the record's version and CREATE (version 1), UPDATE or DELETE (a tombstone,
 * whose version is the deleted version plus one). Alias and design documents are skipped here, not
 * with a server-side filter ({@code filter=_selector} crashes pouchdb-server). Sequences are
 * opaque: CouchDB 3 has strings, pouchdb-server integers; both pass through as text.
 */
final class ChangeFeed {
  private final CouchClient couch;

  ChangeFeed(CouchClient couch) {
    this.couch = couch;
  }

  Future<ChangeBatch> read(String since, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("feed", "normal");
    params.put("include_docs", true);
    params.put("since", since == null ? "0" : since);
    params.put("limit", Math.max(1, limit));
    return couch
        .db(HttpMethod.GET, "_changes" + CouchClient.query(params), null)
        .map(
            r -> {
              JsonArray results =
                  CouchClient.okBody(r, "the changes feed")
                      .getJsonArray("results", new JsonArray());
              List<Change> changes = new ArrayList<>();
              String last = since;
              for (int i = 0; i < results.size(); i++) {
                JsonObject row = results.getJsonObject(i);
                String seq = seqText(row.getValue("seq"));
                last = seq;
                Change c = toChange(row, seq);
                if (c != null) {
                  changes.add(c);
                }
              }
              return new ChangeBatch(changes, last);
            });
  }

  private static Change toChange(JsonObject row, String seq) {
    String id = row.getString("id");
    if (!RecordDocs.isRecordId(id)) {
      return null;
    }
    JsonObject doc = row.getJsonObject("doc", new JsonObject());
    long version = doc.getLong("version", 0L);
    ChangeOp op;
    if (row.getBoolean("deleted", false)) {
      op = ChangeOp.DELETE;
    } else {
      op = version == 1 ? ChangeOp.CREATE : ChangeOp.UPDATE;
    }
    return new Change(seq, id, version, op);
  }

  /** A sequence as text: CouchDB 3's strings as they are, pouchdb-server's integers in decimal. */
  static String seqText(Object seq) {
    if (seq instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return String.valueOf(seq);
  }
}
