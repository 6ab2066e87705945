package dev.files.bench;

import dev.files.store.couchdb.CouchDbReplica;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end sync latency: for each write it is told about (uploadId, version, the moment Redis
 * confirmed it), polls CouchDB every {@link #POLL_MS} ms (one {@code _all_docs} for every id still
 * waiting) until CouchDB holds that version or a newer one, and records the time in between. The
 * resolution is the poll interval plus one round trip. Runs on the context it is started on.
 */
final class EndToEndProbe {
  static final long POLL_MS = 20;
  private static final int MAX_IDS_PER_POLL = 500;

  private record Pending(String uploadId, long version, long confirmedNanos) {}

  private final Vertx vertx;
  private final CouchDbReplica couch;
  private final List<Pending> pending = new ArrayList<>();
  private final Samples latencyMs = new Samples();
  private long timer = -1;
  private boolean polling;
  private long pollErrors;

  EndToEndProbe(Vertx vertx, CouchDbReplica couch) {
    this.vertx = vertx;
    this.couch = couch;
  }

  /** Starts polling; call on the probe's context. */
  void start() {
    timer = vertx.setPeriodic(POLL_MS, id -> poll());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** A write Redis confirmed at {@code confirmedNanos} (System.nanoTime); call on the context. */
  void expect(String uploadId, long version, long confirmedNanos) {
    pending.add(new Pending(uploadId, version, confirmedNanos));
  }

  /** Writes still waiting; read on the context, or after {@link #stop()}. */
  int waiting() {
    return pending.size();
  }

  long pollErrors() {
    return pollErrors;
  }

  Samples latencyMs() {
    return latencyMs;
  }

  private void poll() {
    if (polling || pending.isEmpty()) {
      return;
    }
    polling = true;
    Set<String> ids = new LinkedHashSet<>();
    for (Pending p : pending) {
      if (ids.size() >= MAX_IDS_PER_POLL) {
        break;
      }
      ids.add(p.uploadId());
    }
    Context context = vertx.getOrCreateContext();
    couch.versionsOf(new ArrayList<>(ids)).onComplete(ar -> context.runOnContext(v -> polled(ar)));
  }

  private void polled(AsyncResult<Map<String, Long>> ar) {
    polling = false;
    if (ar.failed()) {
      pollErrors++;
      return;
    }
    long now = System.nanoTime();
    Iterator<Pending> it = pending.iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      Long held = ar.result().get(p.uploadId());
      if (held != null && held >= p.version()) {
        latencyMs.add((now - p.confirmedNanos()) / 1e6);
        it.remove();
      }
    }
  }
}
