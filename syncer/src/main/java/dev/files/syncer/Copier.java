package dev.files.syncer;

import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica;
import dev.files.store.couchdb.CouchDbReplica.Outcome;
import dev.files.store.couchdb.CouchDbReplica.Wanted;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies records of one Redis shard to CouchDB as Redis holds them <em>now</em>: whatever change
 * entry or id list asked for a record, its current state is read and written if newer. So a
 * replayed, duplicated or out-of-order entry can only ever copy the current state again, which
 * CouchDB then skips by version.
 *
 * <p>A batch that fails for a permanent reason ({@link Retry}: a record Redis holds but that cannot
 * be decoded, a document CouchDB refuses) would fail the same way forever and block its shard:
 * {@link #copyOrPark} then copies the batch record by record and parks the ones that fail
 * permanently ({@link Parked}, metric {@code parked}), so the rest goes on.
 */
final class Copier {
  private static final Logger log = LoggerFactory.getLogger(Copier.class);

  private final Endpoints ends;
  private final SyncerMetrics metrics;
  private final Parked parked;
  private final Map<String, String> ownerOf = new ConcurrentHashMap<>();

  Copier(Endpoints ends, SyncerMetrics metrics) {
    this.ends = ends;
    this.metrics = metrics;
    this.parked = new Parked(ends.couch());
  }

  /**
   * Brings {@code ids} of shard {@code shard} to their Redis state; {@code deletedVersions} gives
   * the version of a delete seen in the stream (ids missing there: unknown).
   */
  Future<Outcome> copy(
      int shard, List<String> ids, Map<String, Long> deletedVersions, boolean force) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(new Outcome(0, 0));
    }
    return ends.redis()
        .records(shard, ids)
        .compose(
            records -> {
              List<Wanted> wanted = new ArrayList<>(ids.size());
              for (String id : ids) {
                FileRecord r = records.get(id);
                wanted.add(new Wanted(id, r, r == null ? deletedVersions.getOrDefault(id, 0L) : 0));
              }
              return ends.couch()
                  .replicate(wanted, force)
                  .onFailure(
                      e -> {
                        if (!Retry.isTransient(e) && ids.size() == 1) {
                          records.forEach((id, r) -> ownerOf.put(id, r.owner()));
                        }
                      });
            })
        .onSuccess(
            o -> {
              metrics.addApplied(o.applied());
              metrics.addSkipped(o.skipped());
            });
  }

  /**
   * {@link #copy} without force; after a permanent failure, record by record, parking each record
   * that fails permanently. Fails only transiently (the caller retries the whole batch).
   */
  Future<Outcome> copyOrPark(
      int shard, List<String> ids, Map<String, Long> deletedVersions, String action) {
    return copy(shard, ids, deletedVersions, false)
        .recover(
            e -> {
              if (Retry.isTransient(e)) {
                return Future.failedFuture(e);
              }
              return oneByOne(shard, ids, deletedVersions, action);
            });
  }

  private Future<Outcome> oneByOne(
      int shard, List<String> ids, Map<String, Long> deletedVersions, String action) {
    Future<Outcome> chain = Future.succeededFuture(new Outcome(0, 0));
    for (String id : ids) {
      chain =
          chain.compose(
              sum ->
                  copy(shard, List.of(id), deletedVersions, false)
                      .recover(
                          e ->
                              Retry.isTransient(e)
                                  ? Future.failedFuture(e)
                                  : park(id, deletedVersions.getOrDefault(id, 0L), e, action)
                                      .map(new Outcome(0, 0)))
                      .map(sum::plus));
    }
    return chain;
  }

  private Future<Void> park(String uploadId, long version, Throwable e, String action) {
    String reason = e instanceof FileError fe ? fe.getMessage() : e.toString();
    String owner = ownerOf.remove(uploadId);
    log.warn(
        "syncer parked a record it cannot apply: action="
            + action
            + " uploadId="
            + uploadId
            + " owner="
            + (owner == null ? "(unreadable)" : owner)
            + " reason="
            + reason);
    return parked.park(uploadId, version, reason).onSuccess(v -> metrics.addParked());
  }

  /** The CouchDB side for tests and callers that need it. */
  CouchDbReplica couch() {
    return ends.couch();
  }
}
