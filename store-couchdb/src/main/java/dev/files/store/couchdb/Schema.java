package dev.files.store.couchdb;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the store declares in the database, in code, created or migrated at startup. Every
 * index lives in its own design document, so CouchDB builds and updates each one on its own: a new
 * or changed index is built without touching the others, and a query waits (if ever) only for the
 * index it reads.
 *
 * <ul>
 *   <li>{@code _design/files-idx-<partition>-<any|owner>-<field>} ({@code language: query}): one
 *       Mango JSON index per real list shape: partition, owner or not, sort field; columns {@code
 *       [x_<partition>, (owner), field, _id]}, for the uploadId sort {@code [x_<partition>,
 *       (owner), _id]}. Sorts without one are done in memory (see {@link CouchDbLister}).
 *   <li>{@code _design/files-stats} (JavaScript): the view {@code stats} keyed {@code [partition,
 *       owner or null, status, public]} with the value contentLength and the built-in {@code
 *       _stats} reduce: exact totals of unfiltered lists and files.report without reading records;
 *       and per partition the view {@code count-<partition>}, one row per record of it, whose
 *       {@code total_rows} is the partition's size without a reduce (pouchdb-server reduces at
 *       query time, reading every row of the range; CouchDB keeps both in its B-tree).
 *   <li>{@code _design/files-name} (JavaScript): the view {@code suffixes}, one row per position of
 *       a record's name ({@link NameGrams}): a name substring filter reads the records whose name
 *       holds the text instead of every record.
 * </ul>
 *
 * Each design document carries {@code x_schema}, a hash of its definition: a changed definition
 * replaces the stored one (CouchDB then rebuilds that index alone). Design documents named {@code
 * files-*} that the schema no longer declares (the single {@code files-find} of earlier releases
 * with its 56 indexes, for one) are deleted at startup.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);
  static final String DDOC_PREFIX = "files-";
  static final String INDEX_DDOC_PREFIX = "files-idx-";
  static final String STATS_DDOC = "files-stats";
  static final String STATS_VIEW = "stats";

  /** Sort fields with an index in the LISTED and PUBLIC partitions. */
  static final List<String> LISTED_SORTS =
      List.of("uploadId", "uploadedAt", "startedAt", "processedAt", "contentLength", "name");

  /** The view with one row per record of a partition: its {@code total_rows} is their number. */
  static String countView(Partition p) {
    return "count-" + p.code;
  }

  /** Sort fields with an index in the ALL partition (maintenance scans). */
  static final List<String> ALL_SORTS = List.of("uploadId", "uploadedAt", "startedAt");

  private Schema() {}

  /** The index serving this partition, owner restriction and sort field, or null if none does. */
  static String indexName(Partition p, boolean byOwner, String sortField) {
    List<String> sorts = p == Partition.ALL ? ALL_SORTS : LISTED_SORTS;
    if (!sorts.contains(sortField)) {
      return null;
    }
    return p.code + "-" + (byOwner ? "owner" : "any") + "-" + sortField;
  }

  /** The design document (without {@code _design/}) that holds the index {@code name}. */
  static String indexDdoc(String name) {
    return INDEX_DDOC_PREFIX + name;
  }

  /** The names of every declared Mango index. */
  static List<String> indexNames() {
    List<String> names = new ArrayList<>();
    for (Partition p : Partition.values()) {
      for (boolean byOwner : new boolean[] {false, true}) {
        for (String f : p == Partition.ALL ? ALL_SORTS : LISTED_SORTS) {
          names.add(indexName(p, byOwner, f));
        }
      }
    }
    return names;
  }

  /** The index columns, in order. */
  static List<String> columns(Partition p, boolean byOwner, String sortField) {
    List<String> cols = new ArrayList<>();
    cols.add(p.field);
    if (byOwner) {
      cols.add("owner");
    }
    if (!sortField.equals("uploadId")) {
      cols.add(sortField);
    }
    cols.add("_id");
    return cols;
  }

  /** Every design document the store declares, each stamped with its {@code x_schema}. */
  static List<JsonObject> designDocs() {
    List<JsonObject> docs = new ArrayList<>();
    for (Partition p : Partition.values()) {
      for (boolean byOwner : new boolean[] {false, true}) {
        for (String f : p == Partition.ALL ? ALL_SORTS : LISTED_SORTS) {
          String name = indexName(p, byOwner, f);
          docs.add(
              stamped(
                  new JsonObject()
                      .put("_id", "_design/" + indexDdoc(name))
                      .put("language", "query")
                      .put(
                          "views", new JsonObject().put(name, mangoView(columns(p, byOwner, f))))));
        }
      }
    }
    docs.add(statsDesignDoc());
    docs.add(NameGrams.designDoc());
    return docs;
  }

  /** A Mango JSON index as CouchDB 3 and pouchdb-find store it. */
  private static JsonObject mangoView(List<String> cols) {
    JsonObject fields = new JsonObject();
    cols.forEach(c -> fields.put(c, "asc"));
    return new JsonObject()
        .put("map", new JsonObject().put("fields", fields))
        .put("reduce", "_count")
        .put(
            "options",
            new JsonObject()
                .put("def", new JsonObject().put("fields", new JsonArray(new ArrayList<>(cols)))));
  }

  static JsonObject statsDesignDoc() {
    String map =
        "function (doc) {\n"
            + "  if (doc.x_all !== true) { return; }\n"
            + "  var parts = [['all', true], ['listed', doc.x_listed], ['public', doc.x_public]];\n"
            + "  for (var i = 0; i < parts.length; i++) {\n"
            + "    if (parts[i][1] === true) {\n"
            + "      emit([parts[i][0], doc.owner, doc.status, doc.public === true], doc.contentLength);\n"
            + "      emit([parts[i][0], null, doc.status, doc.public === true], doc.contentLength);\n"
            + "    }\n"
            + "  }\n"
            + "}";
    JsonObject views =
        new JsonObject().put(STATS_VIEW, new JsonObject().put("map", map).put("reduce", "_stats"));
    for (Partition p : Partition.values()) {
      views.put(
          countView(p),
          new JsonObject()
              .put("map", "function (doc) { if (doc." + p.field + " === true) { emit(null); } }"));
    }
    return stamped(
        new JsonObject()
            .put("_id", "_design/" + STATS_DDOC)
            .put("language", "javascript")
            .put("views", views));
  }

  static JsonObject stamped(JsonObject ddoc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(ddoc.encode().getBytes(StandardCharsets.UTF_8));
      return ddoc.put("x_schema", HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Creates the database and the design documents, brings changed ones up to date and deletes the
   * {@code files-*} design documents the schema no longer declares.
   */
  static Future<Void> ensure(CouchClient couch) {
    List<JsonObject> wanted = designDocs();
    return couch
        .db(HttpMethod.PUT, "", null)
        .compose(
            r -> {
              if (r.ok() || r.status() == 412) {
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  FileError.of(
                      new IllegalStateException(
                          "cannot create database " + couch.database() + ": " + r.body())));
            })
        .compose(
            v -> {
              List<Future<Void>> all = new ArrayList<>();
              wanted.forEach(d -> all.add(ensureDesign(couch, d, 3)));
              return Future.all(all);
            })
        .compose(v -> dropUndeclared(couch, wanted));
  }

  /** Deletes the store's design documents ({@code files-*}) that {@code wanted} does not name. */
  private static Future<Void> dropUndeclared(CouchClient couch, List<JsonObject> wanted) {
    Set<String> keep = new HashSet<>();
    wanted.forEach(d -> keep.add(d.getString("_id")));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("startkey", Json.encode("_design/" + DDOC_PREFIX));
    params.put("endkey", Json.encode("_design/" + DDOC_PREFIX + "\ufff0"));
    return couch
        .db(HttpMethod.GET, "_all_docs" + CouchClient.query(params), null)
        .compose(
            r -> {
              JsonArray rows = CouchClient.okBody(r, "the design documents").getJsonArray("rows");
              List<Future<Void>> drops = new ArrayList<>();
              for (int i = 0; rows != null && i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                String id = row.getString("id");
                if (id.startsWith("_design/" + DDOC_PREFIX) && !keep.contains(id)) {
                  String rev = row.getJsonObject("value").getString("rev");
                  drops.add(drop(couch, id, rev));
                }
              }
              return Future.all(drops).<Void>mapEmpty();
            });
  }

  private static Future<Void> drop(CouchClient couch, String id, String rev) {
    String path = CouchClient.docPath(id) + "?rev=" + CouchClient.encode(rev);
    return couch
        .db(HttpMethod.DELETE, path, null)
        .compose(
            r -> {
              if (r.ok() || r.status() == 404 || r.status() == 409) {
                // 404/409: another instance starting at the same time deleted it first
                if (r.ok()) {
                  log.info("couchdb schema: deleted the design document " + id + " (undeclared)");
                }
                return Future.succeededFuture();
              }
              return CouchClient.expectOk(r, "the deletion of " + id).<Void>mapEmpty();
            });
  }

  private static Future<Void> ensureDesign(CouchClient couch, JsonObject wanted, int attempts) {
    String path = CouchClient.docPath(wanted.getString("_id"));
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(
            current -> {
              if (current.ok()
                  && wanted.getString("x_schema").equals(current.body().getString("x_schema"))) {
                return Future.succeededFuture();
              }
              JsonObject doc = wanted.copy();
              if (current.ok()) {
                doc.put("_rev", current.body().getString("_rev"));
              }
              return couch
                  .db(HttpMethod.PUT, path, doc)
                  .compose(
                      put -> {
                        if (put.ok()) {
                          return Future.succeededFuture();
                        }
                        if (put.status() == 409 && attempts > 1) {
                          return ensureDesign(couch, wanted, attempts - 1);
                        }
                        return CouchClient.expectOk(put, "design document " + path).mapEmpty();
                      });
            });
  }
}
