package dev.files.bench;

import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.couchdb.CouchDbFileStore;
import dev.files.store.couchdb.CouchDbReplica;
import dev.files.store.couchdb.CouchDbStoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the list benchmark does on CouchDB beyond the other backends: on an external server, drop or
 * reuse the benchmark's database; after the load, build every index from scratch (timed), as the
 * syncer does after a backfill, so the timed queries read built indexes without updating them. Runs
 * on the benchmark's main thread (blocking is fine there).
 */
final class CouchDbBench {
  private static final long BUILD_TIMEOUT_S = 3 * 3600;
  private static final long LOAD_TIMEOUT_S = 6 * 3600;

  private CouchDbBench() {}

  /** Whether the database holds at least {@code records} records (so the load can be skipped). */
  static boolean holds(Backend.CouchDb db, long records) throws Exception {
    HttpResponse<String> r =
        send(db, "GET", "/" + db.database() + "/_design/files-stats/_view/count-all?limit=0");
    if (r.statusCode() != 200) {
      return false;
    }
    return new JsonObject(r.body()).getLong("total_rows", 0L) >= records;
  }

  /** The server's name and version from its welcome document, e.g. "CouchDB 3.4.3". */
  static String version(Backend.CouchDb db) {
    try {
      HttpResponse<String> r = send(db, "GET", "/");
      JsonObject welcome = new JsonObject(r.body());
      return "CouchDB " + welcome.getString("version", "?");
    } catch (Exception e) {
      return "CouchDB, version unknown: " + e.getMessage();
    }
  }

  /** Deletes the database (a 404 is fine: nothing to delete). */
  static void drop(Backend.CouchDb db) throws Exception {
    HttpResponse<String> r = send(db, "DELETE", "/" + db.database());
    if (r.statusCode() != 200 && r.statusCode() != 202 && r.statusCode() != 404) {
      throw new IllegalStateException(
          "cannot delete " + db.database() + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** Records per {@code _bulk_docs} of a bulk load. */
  static final int BULK = 1_000;

  /**
   * Loads the data set the way the syncer's backfill writes it ({@code CouchDbReplica.replicate},
   * {@value #BULK} records per {@code _bulk_docs}, {@code concurrency} batches in flight): the same
   * documents as {@code FileStore.create} writes, in a fraction of the time.
   */
  static StoreBenchmark.Load bulkLoad(
      Vertx vertx, Backend.CouchDb db, DataSet data, long records, int concurrency) {
    CouchDbReplica replica =
        Async.await(
            CouchDbReplica.open(
                vertx,
                new CouchDbStoreConfig(
                    db.url(), db.database(), Backend.COUCHDB_REQUEST_TIMEOUT_MS, 5_000, 32)),
            120);
    try {
      long batches = (records + BULK - 1) / BULK;
      long t0 = System.nanoTime();
      Async.await(
          Async.pump(
              vertx,
              batches,
              concurrency,
              Long.MAX_VALUE,
              b -> {
                List<CouchDbReplica.Wanted> batch = new ArrayList<>();
                for (long i = b * BULK; i < Math.min(records, (b + 1) * BULK); i++) {
                  FileRecord r = data.record(i).toBuilder().version(1).build();
                  batch.add(new CouchDbReplica.Wanted(r.uploadId(), r, 0));
                }
                // idempotent (written only when newer): a batch the loaded server failed is
                // written again, twice at most
                return replica
                    .replicate(batch, false)
                    .recover(e -> replica.replicate(batch, false))
                    .recover(e -> replica.replicate(batch, false));
              }),
          LOAD_TIMEOUT_S);
      double s = (System.nanoTime() - t0) / 1e9;
      return new StoreBenchmark.Load(records, records / s, 0, 0);
    } finally {
      Async.await(replica.close(), 60);
    }
  }

  /** Brings every index up to date and says how long it took. */
  static String buildIndexes(FileStore lists, boolean reused) {
    long t0 = System.nanoTime();
    Async.await(((CouchDbFileStore) lists).warmIndexes(), BUILD_TIMEOUT_S);
    double s = (System.nanoTime() - t0) / 1e9;
    return String.format(
        "**couchdb** indexes %s in %.1f s (every design document asked to update, side by side);"
            + " the timed queries then read them with `staleLists` (update=false).",
        reused ? "brought up to date" : "built from scratch after the load", s);
  }

  private static HttpResponse<String> send(Backend.CouchDb db, String method, String path)
      throws IOException, InterruptedException {
    URI base = URI.create(db.url());
    String root =
        base.getScheme()
            + "://"
            + base.getHost()
            + ":"
            + (base.getPort() > 0 ? base.getPort() : 5984)
            + base.getRawPath().replaceAll("/$", "");
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(root + path))
            .timeout(Duration.ofMinutes(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (base.getRawUserInfo() != null) {
      String user = URLDecoder.decode(base.getRawUserInfo(), StandardCharsets.UTF_8);
      req.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
