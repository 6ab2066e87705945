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
import dev.files.store.query.FilterTerms;
import dev.files.store.query.PageWindow;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.ReportTally;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * files.list and files.report over the declared indexes.
 *
 * <p>A page: the index of (partition, owner or not, sort field) is walked from the cursor in
 * batches ({@link IndexScan}) with the query's {@link Pushdown} conditions, every returned record
 * is checked with {@link RecordMatcher}, and the walk stops at offset + limit + 1 matches. Sorts
 * without an index (description, website, custom fields, low-cardinality fields, most sorts of
 * scope ALL) read the partition's uploadId index in batches and sort the matches in memory. A query
 * with a name substring filter ({@link NameGrams}) reads the records whose name holds the text from
 * the name view instead (at most {@value #MAX_NAME_CANDIDATES}), checks each and sorts the matches
 * in memory: page and exact total from one short range.
 *
 * <p>The total is exact: the size of the partition (a count view's {@code total_rows}) when the
 * query has no owner, tags or filter; from the {@code stats} reduce view when it has no tags and no
 * filter beyond one status equality; counted from the page walk when it saw every match; otherwise
 * counted by walking the partition's uploadId index in batches (only ids are fetched when the
 * pushdown is exact). A query that does not ask for it ({@link ListQuery#countTotal()}) gets none.
 *
 * <p>With {@code staleLists} every read asks the server not to update the index first ({@code
 * update: false}): lists never wait for an index update; the syncer (or the store after its own
 * writes) keeps the indexes current.
 */
final class CouchDbLister {
  static final int MAX_BATCH = 500;

  /** Ids per request when a total is counted from ids alone (small rows, fewer requests). */
  static final int MAX_ID_BATCH = 5_000;

  /**
   * Candidates of a name substring ({@link NameGrams}) read as documents at most; a less selective
   * text walks the sort index instead.
   */
  static final int MAX_NAME_CANDIDATES = 10_000;

  /** Documents per {@code _all_docs} request when candidates are read by id. */
  static final int MAX_KEYS = 1_000;

  private final CouchClient couch;
  private final boolean updateIndex;

  /**
   * @param updateIndex whether reads bring the indexes up to date first (false: {@code staleLists},
   *     read them as they are)
   */
  CouchDbLister(CouchClient couch, boolean updateIndex) {
    this.couch = couch;
    this.updateIndex = updateIndex;
  }

  Future<Page> list(ListQuery q) {
    Partition p = Partition.of(q);
    String text = NameGrams.usableText(q);
    if (text == null) {
      return byIndex(q, p);
    }
    return NameGrams.candidates(couch, text, p, q.owner(), MAX_NAME_CANDIDATES, updateIndex)
        .compose(
            rows -> {
              if (rows == null) {
                return byIndex(q, p);
              }
              if (NameGrams.rowsDecide(q, text)) {
                return fromRows(q, text, rows);
              }
              java.util.Set<String> ids = new java.util.LinkedHashSet<>();
              rows.forEach(r -> ids.add(r.id()));
              return fromCandidates(q, ids);
            });
  }

  /**
   * Page and total from the name view's rows alone (see {@link NameGrams#rowsDecide}); only the
   * page's documents are read. A document that no longer matches (the row was stale) is left out of
   * the page.
   */
  private Future<Page> fromRows(ListQuery q, String text, List<NameGrams.Row> rows) {
    Map<String, FileRecord> matches = new LinkedHashMap<>();
    for (NameGrams.Row row : rows) {
      if (!matches.containsKey(row.id())) {
        FileRecord summary = row.summary();
        if (NameGrams.matches(q, text, row, summary)) {
          matches.put(row.id(), summary);
        }
      }
    }
    long total = matches.size();
    List<String> ids =
        PageWindow.pagePlusOne(q, new ArrayList<>(matches.values())).stream()
            .map(FileRecord::uploadId)
            .toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(Page.of(q, List.of(), total));
    }
    return docs(ids)
        .map(
            docs -> {
              Map<String, FileRecord> byId = new java.util.HashMap<>();
              for (JsonObject doc : docs) {
                if (!CouchDbCodec.isTombstone(doc) && doc.getBoolean("x_all") != null) {
                  FileRecord r = CouchDbCodec.fromDoc(doc);
                  if (RecordMatcher.matches(q, r)) {
                    byId.put(r.uploadId(), r);
                  }
                }
              }
              List<FileRecord> items = new ArrayList<>();
              for (String id : ids) {
                if (byId.containsKey(id)) {
                  items.add(byId.get(id));
                }
              }
              return Page.of(q, items, total);
            });
  }

  /** The page from the records with these ids that match the query, sorted in memory. */
  private Future<Page> fromCandidates(ListQuery q, java.util.Set<String> ids) {
    List<String> all = new ArrayList<>(ids);
    List<Future<List<JsonObject>>> reads = new ArrayList<>();
    for (int i = 0; i < all.size(); i += MAX_KEYS) {
      reads.add(docs(all.subList(i, Math.min(all.size(), i + MAX_KEYS))));
    }
    return Future.all(reads)
        .map(
            f -> {
              List<FileRecord> matches = new ArrayList<>();
              for (Future<List<JsonObject>> r : reads) {
                for (JsonObject doc : r.result()) {
                  if (CouchDbCodec.isTombstone(doc) || doc.getBoolean("x_all") == null) {
                    continue;
                  }
                  FileRecord rec = CouchDbCodec.fromDoc(doc);
                  if (RecordMatcher.matches(q, rec)) {
                    matches.add(rec);
                  }
                }
              }
              return PageWindow.sortedPage(q, matches);
            });
  }

  /** The current documents of {@code ids} (absent and deleted ones left out). */
  private Future<List<JsonObject>> docs(List<String> ids) {
    JsonObject body = new JsonObject().put("keys", new JsonArray(new ArrayList<>(ids)));
    return couch
        .db(HttpMethod.POST, "_all_docs?include_docs=true", body)
        .map(
            r -> {
              JsonArray rows =
                  CouchClient.okBody(r, "_all_docs of name candidates")
                      .getJsonArray("rows", new JsonArray());
              List<JsonObject> out = new ArrayList<>(rows.size());
              for (int i = 0; i < rows.size(); i++) {
                JsonObject doc = rows.getJsonObject(i).getJsonObject("doc");
                if (doc != null) {
                  out.add(doc);
                }
              }
              return out;
            });
  }

  private Future<Page> byIndex(ListQuery q, Partition p) {
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
    // a total from a view costs one request: ask it beside the walk, not after it
    Future<Long> viewTotal = q.countTotal() ? viewTotal(q, p) : null;
    return walk(scan, walk, first)
        .compose(
            w -> {
              if (!q.countTotal() || (c == null && w.sawAll)) {
                return Future.succeededFuture(Page.of(q, w.items, w.skipped + w.items.size()));
              }
              Future<Long> total = viewTotal != null ? viewTotal : total(q, p, pd);
              return total.map(n -> Page.of(q, w.items, n));
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
    return new IndexScan(couch, p, q.owner(), field, dir, pd.conditions(), projection, updateIndex);
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
        FileRecord r = CouchDbCodec.fromDoc(doc);
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
                FileRecord r = CouchDbCodec.fromDoc(doc);
                if (RecordMatcher.matches(q, r)) {
                  matches.add(r);
                }
              }
            })
        .map(v -> PageWindow.sortedPage(q, matches));
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
    String path =
        "_design/"
            + Schema.STATS_DDOC
            + "/_view/"
            + Schema.countView(p)
            + "?limit=0"
            + (updateIndex ? "" : "&update=false");
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(r -> CouchClient.expectOk(r, "the count view query"))
        .map(r -> r.body().getLong("total_rows", 0L));
  }

  /** The exact number of records matching the query. */
  Future<Long> total(ListQuery q, Partition p, Pushdown pd) {
    Future<Long> fromView = viewTotal(q, p);
    if (fromView != null) {
      return fromView;
    }
    boolean residualVisibility = q.scope() == Scope.ALL && q.publicOnly();
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
                if (RecordMatcher.matches(q, CouchDbCodec.fromDoc(doc))) {
                  n[0]++;
                }
              }
            })
        .map(v -> n[0]);
  }

  /**
   * The total from a view (one request, no record read) when the query allows it, else null: the
   * partition size without owner, tags and filter; the stats view with at most one status equality.
   */
  private Future<Long> viewTotal(ListQuery q, Partition p) {
    String status = statusOnly(q);
    boolean residualVisibility = q.scope() == Scope.ALL && q.publicOnly();
    if (status == null || residualVisibility) {
      return null;
    }
    if (status.isEmpty() && q.owner() == null) {
      return partitionSize(p);
    }
    JsonArray prefix = new JsonArray().add(p.code).add(q.owner());
    if (!status.isEmpty()) {
      prefix.add(status);
    }
    return stats(prefix, 0).map(rows -> rows.isEmpty() ? 0L : count(rows.get(0)));
  }

  /**
   * "" when the query has neither tags nor filter, the status when its filter is one status
   * equality, null otherwise.
   */
  private static String statusOnly(ListQuery q) {
    if (!q.tags().isEmpty()) {
      return null;
    }
    List<Filter> conjuncts = FilterTerms.conjuncts(q.filter());
    if (conjuncts.isEmpty()) {
      return "";
    }
    if (conjuncts.size() == 1
        && conjuncts.get(0) instanceof Filter.Condition c
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
              ReportTally tally = new ReportTally();
              for (JsonObject row : rows) {
                JsonArray key = row.getJsonArray("key");
                long sum = row.getJsonObject("value").getNumber("sum").longValue();
                tally.add(
                    Status.fromWire(key.getString(2)),
                    Boolean.TRUE.equals(key.getBoolean(3)),
                    count(row),
                    sum);
              }
              return tally.report();
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
    if (!updateIndex) {
      params.put("update", "false");
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
