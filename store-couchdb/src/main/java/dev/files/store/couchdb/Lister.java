package dev.files.store.couchdb;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.Scope;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.RecordOrder;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * files.list and files.report over the declared indexes.
 *
 * <p>A page: the index of (partition, owner or not, sort field) is walked from the cursor in
 * batches ({@link IndexScan}) with the query's {@link Pushdown} conditions, every returned record
 * is checked with {@link RecordMatcher}, and the walk stops at offset + limit + 1 matches. Sorts
 * without an index (description, website, custom fields, most sorts of scope ALL) read the
 * partition's uploadId index in batches and sort the matches in memory.
 *
 * <p>The total is exact: the size of the partition (a count view's {@code total_rows}) when the
 * query has no owner, tags or filter; from the {@code stats} reduce view when it has no tags and no
 * filter beyond one status equality; counted from the page walk when it saw every match; otherwise
 * counted by walking the partition's uploadId index in batches (only ids are fetched when the
 * pushdown is exact). A query that does not ask for it ({@link ListQuery#countTotal()}) gets none.
 */
final class Lister {
  static final int MAX_BATCH = 500;

  /** Ids per request when a total is counted from ids alone (small rows, fewer requests). */
  static final int MAX_ID_BATCH = 5_000;

  private final CouchClient couch;

  Lister(CouchClient couch) {
    this.couch = couch;
  }

  Future<Page> list(ListQuery q) {
    Partition p = Partition.of(q);
    Pushdown pd = Pushdown.of(q);
    if (Schema.indexName(p, q.owner() != null, q.sort().field()) == null) {
      return inMemory(q, p, pd);
    }
    IndexScan scan = scan(q, p, q.sort().field(), q.sort().direction(), pd, null);
    Cursor c = q.cursor();
    if (c != null) {
      scan.after(c.value(), c.uploadId());
    }
    Walk walk = new Walk(q);
    int first = Math.min(MAX_BATCH, Math.max(walk.need(), pd.exact() ? 1 : 50));
    return walk(scan, walk, first)
        .compose(
            w -> {
              if (!q.countTotal() || (c == null && w.sawAll)) {
                return Future.succeededFuture(Page.of(q, w.items, w.skipped + w.items.size()));
              }
              return total(q, p, pd).map(total -> Page.of(q, w.items, total));
            });
  }

  /** The {@code _find} body of a query's first batch, for {@code _explain}. */
  JsonObject firstRequest(ListQuery q) {
    Partition p = Partition.of(q);
    String field =
        Schema.indexName(p, q.owner() != null, q.sort().field()) == null
            ? "uploadId"
            : q.sort().field();
    Direction dir = field.equals(q.sort().field()) ? q.sort().direction() : Direction.ASC;
    return scan(q, p, field, dir, Pushdown.of(q), null).firstRequest(q.limit() + 1);
  }

  private IndexScan scan(
      ListQuery q, Partition p, String field, Direction dir, Pushdown pd, JsonArray projection) {
    return new IndexScan(couch, p, q.owner(), field, dir, pd.conditions(), projection);
  }

  /** The state of one page walk. */
  private static final class Walk {
    final ListQuery q;
    final List<FileRecord> items = new ArrayList<>();
    int skipped;
    boolean sawAll;

    Walk(ListQuery q) {
      this.q = q;
    }

    int need() {
      return q.offset() - skipped + q.limit() + 1 - items.size();
    }

    /** Takes the matching records of a batch; false once the page is full. */
    boolean take(List<JsonObject> docs) {
      for (JsonObject doc : docs) {
        FileRecord r = RecordDocs.fromDoc(doc);
        if (!RecordMatcher.matches(q, r)) {
          continue;
        }
        if (skipped < q.offset()) {
          skipped++;
        } else {
          items.add(r);
          if (items.size() == q.limit() + 1) {
            return false;
          }
        }
      }
      return true;
    }
  }

  private Future<Walk> walk(IndexScan scan, Walk w, int batch) {
    return scan.next(batch)
        .compose(
            docs -> {
              boolean more = w.take(docs);
              if (!more) {
                return Future.succeededFuture(w);
              }
              if (scan.done()) {
                w.sawAll = true;
                return Future.succeededFuture(w);
              }
              return walk(scan, w, Math.min(MAX_BATCH, Math.max(batch * 2, w.need())));
            });
  }

  /** Every match of a query whose sort has no index, sorted and paged in memory. */
  private Future<Page> inMemory(ListQuery q, Partition p, Pushdown pd) {
    IndexScan scan = scan(q, p, "uploadId", Direction.ASC, pd, null);
    List<FileRecord> matches = new ArrayList<>();
    return forEachBatch(
            scan,
            MAX_BATCH,
            docs -> {
              for (JsonObject doc : docs) {
                FileRecord r = RecordDocs.fromDoc(doc);
                if (RecordMatcher.matches(q, r)) {
                  matches.add(r);
                }
              }
            })
        .map(
            v -> {
              matches.sort(RecordOrder.comparator(q.sort()));
              List<FileRecord> rest =
                  q.cursor() == null
                      ? matches
                      : matches.stream().filter(r -> RecordOrder.after(q.cursor(), r)).toList();
              int from = Math.min(q.offset(), rest.size());
              int to = (int) Math.min((long) from + q.limit() + 1, rest.size());
              return Page.of(q, rest.subList(from, to), matches.size());
            });
  }

  private Future<Void> forEachBatch(
      IndexScan scan, int batch, java.util.function.Consumer<List<JsonObject>> f) {
    return scan.next(batch)
        .compose(
            docs -> {
              f.accept(docs);
              return scan.done() ? Future.succeededFuture() : forEachBatch(scan, batch, f);
            });
  }

  /** The number of records in a partition: {@code total_rows} of its count view, no row read. */
  private Future<Long> partitionSize(Partition p) {
    String path = "_design/" + Schema.STATS_DDOC + "/_view/" + Schema.countView(p) + "?limit=0";
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(r -> CouchClient.expectOk(r, "the count view query"))
        .map(r -> r.body().getLong("total_rows", 0L));
  }

  /** The exact number of records matching the query. */
  Future<Long> total(ListQuery q, Partition p, Pushdown pd) {
    String status = statusOnly(q);
    boolean residualVisibility = q.scope() == Scope.ALL && q.publicOnly();
    if (status != null && status.isEmpty() && q.owner() == null && !residualVisibility) {
      return partitionSize(p);
    }
    if (status != null && !residualVisibility) {
      JsonArray prefix = new JsonArray().add(p.code).add(q.owner());
      if (!status.isEmpty()) {
        prefix.add(status);
      }
      return stats(prefix, 0).map(rows -> rows.isEmpty() ? 0L : count(rows.get(0)));
    }
    boolean idsOnly = pd.exact() && !residualVisibility;
    IndexScan scan =
        scan(q, p, "uploadId", Direction.ASC, pd, idsOnly ? new JsonArray().add("_id") : null);
    long[] n = {0};
    return forEachBatch(
            scan,
            idsOnly ? MAX_ID_BATCH : MAX_BATCH,
            docs -> {
              if (idsOnly) {
                n[0] += docs.size();
                return;
              }
              for (JsonObject doc : docs) {
                if (RecordMatcher.matches(q, RecordDocs.fromDoc(doc))) {
                  n[0]++;
                }
              }
            })
        .map(v -> n[0]);
  }

  /**
   * "" when the query has neither tags nor filter, the status when its filter is one status
   * equality, null otherwise.
   */
  private static String statusOnly(ListQuery q) {
    if (!q.tags().isEmpty()) {
      return null;
    }
    Filter f = q.filter();
    while (f instanceof Filter.All all && all.filters().size() == 1) {
      f = all.filters().get(0);
    }
    if (f instanceof Filter.All all && all.filters().isEmpty()) {
      return "";
    }
    if (f instanceof Filter.Condition c
        && c.field().equals("status")
        && c.op() == Op.EQ
        && c.value() instanceof String s) {
      return s;
    }
    return null;
  }

  Future<Report> report(String owner) {
    return stats(new JsonArray().add(Partition.LISTED.code).add(owner), 4)
        .map(
            rows -> {
              long total = 0, pub = 0, bytes = 0, pubBytes = 0;
              Map<Status, Long> byStatus = new EnumMap<>(Status.class);
              for (JsonObject row : rows) {
                JsonArray key = row.getJsonArray("key");
                long n = count(row);
                long sum = row.getJsonObject("value").getNumber("sum").longValue();
                total += n;
                bytes += sum;
                byStatus.merge(Status.fromWire(key.getString(2)), n, Long::sum);
                if (Boolean.TRUE.equals(key.getBoolean(3))) {
                  pub += n;
                  pubBytes += sum;
                }
              }
              return new Report(total, pub, byStatus, bytes, pubBytes);
            });
  }

  private static long count(JsonObject row) {
    return row.getJsonObject("value").getNumber("count").longValue();
  }

  /** Reduced rows of the stats view under a key prefix; groupLevel 0 reduces to one row. */
  private Future<List<JsonObject>> stats(JsonArray prefix, int groupLevel) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("startkey", prefix);
    params.put("endkey", prefix.copy().add(new JsonObject()));
    params.put("reduce", true);
    if (groupLevel > 0) {
      params.put("group_level", groupLevel);
    }
    String path =
        "_design/" + Schema.STATS_DDOC + "/_view/" + Schema.STATS_VIEW + CouchClient.query(params);
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(r -> CouchClient.expectOk(r, "the stats view query"))
        .map(
            r -> {
              JsonArray rows = r.body().getJsonArray("rows", new JsonArray());
              List<JsonObject> out = new ArrayList<>();
              for (int i = 0; i < rows.size(); i++) {
                out.add(rows.getJsonObject(i));
              }
              return out;
            });
  }
}
