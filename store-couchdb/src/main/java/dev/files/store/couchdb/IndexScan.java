package dev.files.store.couchdb;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.store.Direction;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One ordered walk over a list index with {@code _find}, in batches, keyset-paginated: each batch
 * starts strictly after the last document of the previous one (or after a cursor's position).
 * Neither CouchDB's {@code skip} nor its bookmark is used (pouchdb-server has no bookmark), and
 * every selector is an equality prefix plus a range on the sort field and {@code _id}, so the index
 * serves it on both servers: "after (v, id)" is read as the ties {@code field == v, _id > id} and
 * then {@code field > v} (reversed for DESC).
 */
final class IndexScan {
  private final CouchClient couch;
  private final Partition partition;
  private final String owner;
  private final String field;
  private final Direction direction;
  private final List<JsonObject> conditions;
  private final JsonArray projection;
  private final boolean updateIndex;

  private boolean positioned;
  private Object lastValue;
  private String lastId;
  private boolean done;

  /**
   * @param field the sort field; {@code uploadId} walks {@code _id}
   * @param projection the fields to return, or null for whole documents
   * @param updateIndex whether the server brings the index up to date before reading it; false
   *     reads it as it is ({@code update: false}, see {@code staleLists})
   */
  IndexScan(
      CouchClient couch,
      Partition partition,
      String owner,
      String field,
      Direction direction,
      List<JsonObject> conditions,
      JsonArray projection,
      boolean updateIndex) {
    this.couch = couch;
    this.partition = partition;
    this.owner = owner;
    this.field = field;
    this.direction = direction;
    this.conditions = conditions;
    this.updateIndex = updateIndex;
    this.projection =
        projection == null ? null : projection.copy().add(partition.field).add("owner");
  }

  /** Starts after this position instead of at the beginning. */
  IndexScan after(Object value, String id) {
    positioned = true;
    lastValue = value;
    lastId = id;
    return this;
  }

  boolean done() {
    return done;
  }

  String indexName() {
    return Schema.indexName(partition, owner != null, field);
  }

  /** The next at most {@code n} documents; {@link #done()} once the range is exhausted. */
  Future<List<JsonObject>> next(int n) {
    if (done) {
      return Future.succeededFuture(List.of());
    }
    if (!positioned) {
      return find(anyValue(), anyValue(), n).map(docs -> advance(docs, docs.size() < n));
    }
    if (isIdWalk()) {
      return fromLastId(anyValue(), n).map(docs -> advance(docs, docs.size() < n));
    }
    return fromLastId(new JsonObject().put("$eq", lastValue), n)
        .compose(
            ties -> {
              if (ties.size() == n) {
                return Future.succeededFuture(advance(ties, false));
              }
              if (lastValue == null && direction == Direction.DESC) {
                // Nothing sorts below null; pouchdb-server mis-reads "$lt: null" as a full range.
                return Future.succeededFuture(advance(ties, true));
              }
              int rest = n - ties.size();
              return find(new JsonObject().put(after(), lastValue), anyValue(), rest)
                  .map(
                      beyond -> {
                        List<JsonObject> all = new ArrayList<>(ties);
                        all.addAll(beyond);
                        return advance(all, beyond.size() < rest);
                      });
            });
  }

  /**
   * Up to {@code n} documents strictly after the last id. Asked as "from the last id, inclusive"
   * with one more row, the last document itself dropped here: pouchdb-server applies the limit
   * before it drops the boundary row of an exclusive {@code _id} bound, and would return too few.
   */
  private Future<List<JsonObject>> fromLastId(JsonObject fieldRange, int n) {
    String op = direction == Direction.ASC ? "$gte" : "$lte";
    return find(fieldRange, new JsonObject().put(op, lastId), n + 1)
        .map(
            docs -> {
              List<JsonObject> out = new ArrayList<>(docs.size());
              for (JsonObject d : docs) {
                if (!lastId.equals(d.getString("_id"))) {
                  out.add(d);
                }
              }
              return out.size() > n ? out.subList(0, n) : out;
            });
  }

  /** The {@code _find} request body for a range on the sort field and on {@code _id}. */
  JsonObject request(JsonObject fieldRange, JsonObject idRange, int limit) {
    // One flat $and: pouchdb-server fails on $and beside other top-level keys; both servers merge
    // the conditions per field and derive the index range from them.
    JsonArray and = new JsonArray().add(new JsonObject().put(partition.field, true));
    JsonArray sort = new JsonArray().add(new JsonObject().put(partition.field, dir()));
    if (owner != null) {
      and.add(new JsonObject().put("owner", owner));
      sort.add(new JsonObject().put("owner", dir()));
    }
    if (!isIdWalk()) {
      and.add(new JsonObject().put(field, fieldRange));
      sort.add(new JsonObject().put(field, dir()));
    }
    and.add(new JsonObject().put("_id", idRange));
    sort.add(new JsonObject().put("_id", dir()));
    conditions.forEach(and::add);
    JsonObject body =
        new JsonObject()
            .put("selector", new JsonObject().put("$and", and))
            .put("sort", sort)
            .put("use_index", new JsonArray().add(Schema.indexDdoc(indexName())).add(indexName()))
            .put("limit", limit);
    if (!updateIndex) {
      body.put("update", false);
    }
    if (projection != null) {
      body.put("fields", projection);
    }
    return body;
  }

  /** The request of the first batch (for {@code _explain}). */
  JsonObject firstRequest(int limit) {
    return request(anyValue(), anyValue(), limit);
  }

  private Future<List<JsonObject>> find(JsonObject fieldRange, JsonObject idRange, int limit) {
    JsonObject body = request(fieldRange, idRange, limit);
    return couch
        .db(HttpMethod.POST, "_find", body)
        .compose(
            r -> {
              if (!r.ok()) {
                return Future.failedFuture(
                    new FileError(
                        ErrorCode.INTERNAL,
                        "CouchDB refused a list query on index "
                            + indexName()
                            + ": "
                            + r.status()
                            + " "
                            + r.body().encode()));
              }
              JsonArray docs = r.body().getJsonArray("docs", new JsonArray());
              List<JsonObject> out = new ArrayList<>(docs.size());
              for (int i = 0; i < docs.size(); i++) {
                out.add(docs.getJsonObject(i));
              }
              return Future.succeededFuture(out);
            });
  }

  private List<JsonObject> advance(List<JsonObject> docs, boolean exhausted) {
    List<JsonObject> inRange = docs.stream().filter(this::inRange).toList();
    if (!inRange.isEmpty()) {
      JsonObject last = inRange.get(inRange.size() - 1);
      positioned = true;
      lastValue = isIdWalk() ? null : last.getValue(field);
      lastId = last.getString("_id");
    }
    done = exhausted;
    return inRange;
  }

  /**
   * Whether a returned document still belongs to the scanned range. pouchdb-server reads the index
   * and fetches the documents after it: a record deleted in between comes back as its tombstone,
   * which holds neither the partition flag nor the owner (seen as a 500 in a list beside a
   * removal). CouchDB applies the selector to the fetched documents itself; this check is the same
   * for both.
   */
  boolean inRange(JsonObject doc) {
    return doc.getBoolean(partition.field, false)
        && (owner == null || owner.equals(doc.getString("owner")));
  }

  private boolean isIdWalk() {
    return field.equals("uploadId");
  }

  private String after() {
    return direction == Direction.ASC ? "$gt" : "$lt";
  }

  private String dir() {
    return direction == Direction.ASC ? "asc" : "desc";
  }

  /** A range every value satisfies (null is the smallest value in CouchDB's collation). */
  private static JsonObject anyValue() {
    return new JsonObject().put("$gte", null);
  }
}
