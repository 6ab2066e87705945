package dev.files.syncer;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code follow}: applies every shard's change stream to CouchDB through a consumer group.
 *
 * <p>Each shard is worked on by one chain of steps at a time (its entries are applied in stream
 * order, never two batches of one shard at once); shards run side by side. A step reads this
 * consumer's own unacknowledged entries first (after a restart), then takes over entries a crashed
 * consumer left idle for {@code claimIdleMs} (XAUTOCLAIM), then new entries. A batch is applied by
 * copying each named record's current Redis state if it is newer than CouchDB's (see {@link
 * Copier}), and acknowledged only after CouchDB confirmed. A transient failure ({@link
 * dev.files.error.Retry}) leaves the batch unacknowledged: it is read again from the pending list
 * on the next step. A record that fails permanently is parked and its entries are acknowledged, so
 * it never blocks its shard. Before a batch is acknowledged, CouchDB's list indexes are brought up
 * to date ({@code syncer.warmIndexes}): lists read them without waiting, and the lag includes the
 * time the indexes took.
 */
public final class Follower {
  private static final Logger log = LoggerFactory.getLogger(Follower.class);
  private static final long RETRY_MS = 1_000;

  private final Vertx vertx;
  private final SyncerConfig config;
  private final Endpoints ends;
  private final SyncerMetrics metrics;
  private final GroupStreams streams;
  private final Copier copier;
  private final List<ShardState> shards = new ArrayList<>();
  private final Promise<Void> stopped = Promise.promise();
  private final Promise<Void> stopRequested = Promise.promise();
  private volatile boolean running;
  private long metricsTimer = -1;
  private long lastTrim;

  /** Where a shard's chain of steps stands. */
  private static final class ShardState {
    final int shard;
    boolean ownPendingDone;
    String claimFrom = "0-0";
    long lastClaim;
    boolean busy;

    ShardState(int shard) {
      this.shard = shard;
    }
  }

  public Follower(Vertx vertx, SyncerConfig config, Endpoints ends, SyncerMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.ends = ends;
    this.metrics = metrics;
    this.streams = new GroupStreams(ends.redis(), config.group(), config.consumer());
    this.copier = new Copier(ends, metrics);
    for (int n = 0; n < ends.redis().shards(); n++) {
      shards.add(new ShardState(n));
    }
  }

  /** Creates the consumer groups if missing and starts following; runs until {@link #stop()}. */
  public Future<Void> start() {
    return streams
        .ensureGroups()
        .onSuccess(
            v -> {
              running = true;
              lastTrim = System.currentTimeMillis();
              log.info(
                  "syncer follow: group="
                      + config.group()
                      + " consumer="
                      + config.consumer()
                      + " shards="
                      + shards.size());
              shards.forEach(s -> vertx.runOnContext(x -> step(s)));
              metricsTimer = vertx.setPeriodic(1_000, id -> refresh());
            });
  }

  /** Stops after the batches in flight; completes when they are done. */
  public Future<Void> stop() {
    running = false;
    stopRequested.tryComplete();
    if (metricsTimer >= 0) {
      vertx.cancelTimer(metricsTimer);
    }
    checkStopped();
    return stopped.future();
  }

  public SyncerMetrics metrics() {
    return metrics;
  }

  private void checkStopped() {
    if (!running && shards.stream().noneMatch(s -> s.busy)) {
      stopped.tryComplete();
    }
  }

  private void step(ShardState s) {
    if (!running) {
      checkStopped();
      return;
    }
    s.busy = true;
    next(s)
        .onComplete(
            ar -> {
              s.busy = false;
              if (!running) {
                checkStopped();
              } else if (ar.failed()) {
                metrics.addError();
                s.ownPendingDone = false;
                log.warn(
                    "syncer follow: shard "
                        + s.shard
                        + " failed, retrying in "
                        + RETRY_MS
                        + " ms: "
                        + FileError.of(ar.cause()).getMessage());
                vertx.setTimer(RETRY_MS, id -> step(s));
              } else if (ar.result()) {
                vertx.runOnContext(x -> step(s));
              } else {
                vertx.setTimer(config.pollMs(), id -> step(s));
              }
            });
  }

  /** One batch of the shard; true when it found work (so the next step follows at once). */
  private Future<Boolean> next(ShardState s) {
    int count = config.batchSize();
    if (!s.ownPendingDone) {
      return streams
          .read(s.shard, true, count)
          .compose(
              entries -> {
                if (entries.isEmpty()) {
                  s.ownPendingDone = true;
                  return Future.succeededFuture(true);
                }
                return apply(s.shard, entries).map(true);
              });
    }
    long now = System.currentTimeMillis();
    if (now - s.lastClaim >= Math.min(config.claimIdleMs(), 5_000)) {
      return streams
          .autoclaim(s.shard, config.claimIdleMs(), s.claimFrom, count)
          .compose(
              c -> {
                s.claimFrom = c.next();
                if ("0-0".equals(c.next())) {
                  s.lastClaim = now;
                }
                return streams
                    .ack(s.shard, c.gone())
                    .compose(v -> apply(s.shard, c.entries()))
                    .map(!c.entries().isEmpty() || !"0-0".equals(c.next()));
              });
    }
    return streams
        .read(s.shard, false, count)
        .compose(entries -> apply(s.shard, entries).map(!entries.isEmpty()));
  }

  /** Copies the records the entries name, then acknowledges the entries. */
  private Future<Void> apply(int shard, List<StreamEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Long> deletes = new HashMap<>();
    List<String> entryIds = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      entryIds.add(e.id());
      if (e.uploadId() != null) {
        ids.add(e.uploadId());
        if (e.isDelete()) {
          deletes.merge(e.uploadId(), e.version(), Math::max);
        }
      }
    }
    return copier
        .copyOrPark(shard, new ArrayList<>(ids), deletes, "follow")
        .compose(o -> warmIndexes())
        .compose(o -> streams.ack(shard, entryIds))
        .onSuccess(v -> metrics.addAcked(entryIds.size()));
  }

  /**
   * Brings CouchDB's list indexes up to date before the batch is acknowledged, so lists that read
   * them without updating ({@code store.couchdb.staleLists}) see it; until then its entries count
   * in the lag. Shards share the rounds ({@code CouchDbReplica.warmIndexes}).
   */
  private Future<Void> warmIndexes() {
    if (!config.warmIndexes()) {
      return Future.succeededFuture();
    }
    long t0 = System.nanoTime();
    Promise<Void> warmed = Promise.promise();
    ends.couch()
        .warmIndexes()
        .onSuccess(v -> metrics.indexWarmed((System.nanoTime() - t0) / 1e9))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                warmed.tryComplete();
              } else {
                warmed.tryFail(ar.cause());
              }
            });
    // An index update may take minutes (a build); a stop does not wait for it: the batch stays
    // unacknowledged, and another consumer (or this one after a restart) applies it again.
    stopRequested
        .future()
        .onComplete(
            v ->
                warmed.tryFail(
                    new FileError(
                        ErrorCode.UNAVAILABLE, "syncer stopping: the batch stays pending")));
    return warmed.future();
  }

  /** Once a second: lag and rate; every {@code trimEveryMs}: trimming. */
  private void refresh() {
    long now = System.currentTimeMillis();
    metrics.measureRate(now);
    Lag.measure(streams, shards.size())
        .onSuccess(l -> metrics.lag(l.entries(), l.seconds()))
        .onFailure(e -> metrics.addError());
    if (now - lastTrim >= config.trimEveryMs()) {
      lastTrim = now;
      Trimmer.trimAll(streams, shards.size())
          .onFailure(e -> log.warn("syncer: trimming failed: " + e.getMessage()));
    }
  }
}
