package dev.files.store.couchdb;

import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed: the change entries ({@code chg:} documents, one per successful write, never
 * modified, see {@link RecordDocs#change}) in {@code _changes} order ({@code feed=normal}). The
 * entry's id names uploadId, version and op, so no document bodies are read. Record, alias and
 * design documents in {@code _changes} are skipped here, not with a server-side filter ({@code
 * filter=_selector} crashes pouchdb-server); the read goes on through them until it has {@code
 * limit} entries or reaches the end. Sequences are opaque: CouchDB 3 has strings, pouchdb-server
 * integers; both pass through as text.
 */
final class ChangeFeed {
  private static final int MIN_READ = 100;

  private final CouchClient couch;

  ChangeFeed(CouchClient couch) {
    this.couch = couch;
  }

  Future<ChangeBatch> read(String since, int limit) {
    return read(since, Math.max(1, limit), new ArrayList<>(), since);
  }

  private Future<ChangeBatch> read(String from, int limit, List<Change> out, String since) {
    int ask = Math.max(MIN_READ, 3 * (limit - out.size()));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("feed", "normal");
    params.put("since", from == null ? "0" : from);
    params.put("limit", ask);
    return couch
        .db(HttpMethod.GET, "_changes" + CouchClient.query(params), null)
        .compose(
            r -> {
              JsonArray rows =
                  CouchClient.okBody(r, "the changes feed")
                      .getJsonArray("results", new JsonArray());
              String lastRow = from;
              for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                lastRow = seqText(row.getValue("seq"));
                Change c = RecordDocs.changeOf(row.getString("id"), lastRow);
                if (c != null) {
                  out.add(c);
                  if (out.size() == limit) {
                    return Future.succeededFuture(new ChangeBatch(out, c.seq()));
                  }
                }
              }
              if (rows.size() < ask) {
                String last = out.isEmpty() ? since : out.get(out.size() - 1).seq();
                return Future.succeededFuture(new ChangeBatch(out, last));
              }
              return read(lastRow, limit, out, since);
            });
  }

  /** A sequence as text: CouchDB 3's strings as they are, pouchdb-server's integers in decimal. */
  static String seqText(Object seq) {
    if (seq instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return String.valueOf(seq);
  }
}
