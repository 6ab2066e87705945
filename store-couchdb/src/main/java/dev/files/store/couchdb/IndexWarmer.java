package dev.files.store.couchdb;

import dev.files.store.Direction;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Brings every index of the database up to date, so that lists can read them without waiting
 * ({@code staleLists}). One round asks each design document a query that reads nothing (an empty
 * key range) but makes the server update the index first; the rounds coalesce: a call while a round
 * runs is served by the next round, which starts when the current one ends, so any number of
 * callers cost at most two rounds in flight and each caller's writes are covered by the round it
 * waits for.
 */
final class IndexWarmer {
  /** A build from scratch of a large database takes minutes: its wait is not a failure. */
  static final long WARM_TIMEOUT_MS = 600_000;

  /**
   * How long one index may take to build. CouchDB answers a request that waits longer than its
   * {@code [fabric] request_timeout} (60 s by default) with {@code 500 timeout} while the build
   * goes on, so the warmer asks again until the index answers or this deadline passes.
   */
  static final long BUILD_DEADLINE_MS = 3_600_000;

  /** The pause before asking again after the server's own timeout. */
  static final long RETRY_PAUSE_MS = 1_000;

  /** Design documents updated at once on CouchDB. */
  static final int CHAINS = 4;

  private final CouchClient couch;
  private final long buildDeadlineMs;
  private final long retryPauseMs;
  private volatile int chains;
  private Future<Void> running;
  private Promise<Void> queued;

  IndexWarmer(CouchClient couch) {
    this(couch, BUILD_DEADLINE_MS, RETRY_PAUSE_MS);
  }

  IndexWarmer(CouchClient couch, long buildDeadlineMs, long retryPauseMs) {
    this.couch = couch;
    this.buildDeadlineMs = buildDeadlineMs;
    this.retryPauseMs = retryPauseMs;
  }

  /** Completes once a round that started after this call has brought every index up to date. */
  synchronized Future<Void> warm() {
    if (running == null) {
      running = round();
      return running;
    }
    if (queued == null) {
      queued = Promise.promise();
    }
    return queued.future();
  }

  /**
   * The design documents in {@link #parallel} chains, each one after the other. pouchdb-server
   * fails requests that update several of one database's indexes at once (a 404 {@code no_db_file},
   * a 500 in its view code), so there it is one chain; CouchDB builds each design document in its
   * own process, so a few chains build a fresh database's indexes side by side without taking every
   * pooled connection (an up-to-date index answers in milliseconds).
   */
  private Future<Void> round() {
    List<Supplier<Future<Void>>> touches = new ArrayList<>();
    for (String name : Schema.indexNames()) {
      touches.add(() -> untilBuilt(() -> touchIndex(name)));
    }
    // reduce=false: pouchdb-server would reduce every row of the view for the answer
    touches.add(
        () ->
            untilBuilt(
                () -> touchView(Schema.STATS_DDOC, Schema.STATS_VIEW + "?limit=0&reduce=false")));
    touches.add(() -> untilBuilt(() -> touchView(NameGrams.DDOC, NameGrams.VIEW + "?limit=0")));
    Future<Void> done =
        parallel()
            .compose(
                n -> {
                  List<Future<Void>> chains = new ArrayList<>();
                  for (int c = 0; c < n; c++) {
                    Future<Void> chain = Future.succeededFuture();
                    for (int i = c; i < touches.size(); i += n) {
                      Supplier<Future<Void>> touch = touches.get(i);
                      chain = chain.compose(v -> touch.get());
                    }
                    chains.add(chain);
                  }
                  return Future.all(chains).<Void>mapEmpty();
                });
    return done.onComplete(ar -> next());
  }

  /**
   * How many design documents a round updates at once: 1 on pouchdb-server, else {@value #CHAINS}.
   */
  private Future<Integer> parallel() {
    if (chains > 0) {
      return Future.succeededFuture(chains);
    }
    return couch
        .server(HttpMethod.GET, "", null)
        .map(
            r -> {
              chains = r.body().containsKey("express-pouchdb") ? 1 : CHAINS;
              return chains;
            });
  }

  private synchronized void next() {
    running = null;
    if (queued != null) {
      Promise<Void> p = queued;
      queued = null;
      running = round();
      running.onComplete(p);
    }
  }

  /** Asks again after the server's own timeout, until the build is done or the deadline passes. */
  private Future<Void> untilBuilt(Supplier<Future<Void>> touch) {
    return untilBuilt(touch, System.nanoTime() + buildDeadlineMs * 1_000_000);
  }

  private Future<Void> untilBuilt(Supplier<Future<Void>> touch, long deadline) {
    return touch
        .get()
        .recover(
            e ->
                CouchClient.isServerTimeout(e) && System.nanoTime() < deadline
                    ? couch.pause(retryPauseMs).compose(v -> untilBuilt(touch, deadline))
                    : Future.failedFuture(e));
  }

  /** A {@code _find} on the index with an empty range: the server updates the index first. */
  private Future<Void> touchIndex(String name) {
    String[] parts = name.split("-", 3);
    Partition p = Partition.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
    String owner = parts[1].equals("owner") ? "" : null;
    IndexScan scan = new IndexScan(couch, p, owner, parts[2], Direction.ASC, List.of(), null, true);
    JsonObject body =
        scan.request(new JsonObject().put("$eq", null), new JsonObject().put("$eq", ""), 1);
    return couch
        .db(HttpMethod.POST, "_find", body, WARM_TIMEOUT_MS)
        .compose(r -> CouchClient.expectOk(r, "the update of index " + name))
        .mapEmpty();
  }

  /** A view read of no rows: the server updates the design document's views first. */
  private Future<Void> touchView(String ddoc, String viewAndQuery) {
    String view = viewAndQuery.substring(0, viewAndQuery.indexOf('?'));
    return couch
        .db(HttpMethod.GET, "_design/" + ddoc + "/_view/" + viewAndQuery, null, WARM_TIMEOUT_MS)
        .compose(r -> CouchClient.expectOk(r, "the update of view " + ddoc + "/" + view))
        .mapEmpty();
  }
}
