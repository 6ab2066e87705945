package dev.files.store.couchdb;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything the store declares in the database, in code, created or migrated at startup.
 *
 * <ul>
 *   <li>{@code _design/files-find} ({@code language: query}): the Mango JSON indexes, one per
 *       (partition, owner or not, sort field): columns {@code [x_<partition>, (owner), field,
 *       _id]}; for the uploadId sort {@code [x_<partition>, (owner), _id]}. Named {@code
 *       <partition>-<any|owner>-<field>}.
 *   <li>{@code _design/files-stats} (JavaScript): the view {@code stats} keyed {@code [partition,
 *       owner or null, status, public]} with the value contentLength and the built-in {@code
 *       _stats} reduce: exact totals of unfiltered lists and files.report without reading records;
 *       and per partition the view {@code count-<partition>}, one row per record of it, whose
 *       {@code total_rows} is the partition's size without a reduce (pouchdb-server reduces at
 *       query time, reading every row of the range; CouchDB keeps both in its B-tree).
 * </ul>
 *
 * Each design document carries {@code x_schema}, a hash of its definition: a changed definition
 * replaces the stored one (CouchDB then rebuilds those views on their next use).
 */
final class Schema {
  static final String FIND_DDOC = "files-find";
  static final String STATS_DDOC = "files-stats";
  static final String STATS_VIEW = "stats";

  /** Sort fields with an index in the LISTED and PUBLIC partitions. */
  static final List<String> LISTED_SORTS =
      List.of(
          "uploadId",
          "uploadedAt",
          "startedAt",
          "processedAt",
          "contentLength",
          "parts",
          "name",
          "alias",
          "status",
          "uploadType",
          "owner",
          "public",
          "directOnly");

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
    if (!sorts.contains(sortField) || (byOwner && sortField.equals("owner"))) {
      return null;
    }
    return p.code + "-" + (byOwner ? "owner" : "any") + "-" + sortField;
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

  static JsonObject findDesignDoc() {
    JsonObject views = new JsonObject();
    for (Partition p : Partition.values()) {
      for (boolean byOwner : new boolean[] {false, true}) {
        for (String f : p == Partition.ALL ? ALL_SORTS : LISTED_SORTS) {
          String name = indexName(p, byOwner, f);
          if (name != null) {
            views.put(name, mangoView(columns(p, byOwner, f)));
          }
        }
      }
    }
    return stamped(
        new JsonObject()
            .put("_id", "_design/" + FIND_DDOC)
            .put("language", "query")
            .put("views", views));
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

  private static JsonObject stamped(JsonObject ddoc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(ddoc.encode().getBytes(StandardCharsets.UTF_8));
      return ddoc.put("x_schema", HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the database and the design documents, or brings changed ones up to date. */
  static Future<Void> ensure(CouchClient couch) {
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
        .compose(v -> ensureDesign(couch, findDesignDoc(), 3))
        .compose(v -> ensureDesign(couch, statsDesignDoc(), 3));
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
