package dev.files.syncer;

import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica;
import dev.files.store.couchdb.CouchDbReplica.Outcome;
import dev.files.store.couchdb.CouchDbReplica.Wanted;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies records of one Redis shard to CouchDB as Redis holds them <em>now</em>: whatever change
 * entry or id list asked for a record, its current state is read and written if newer. So a
 * replayed, duplicated or out-of-order entry can only ever copy the current state again, which
 * CouchDB then skips by version.
 */
final class Copier {
  private final Endpoints ends;
  private final SyncerMetrics metrics;

  Copier(Endpoints ends, SyncerMetrics metrics) {
    this.ends = ends;
    this.metrics = metrics;
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
              return ends.couch().replicate(wanted, force);
            })
        .onSuccess(
            o -> {
              metrics.addApplied(o.applied());
              metrics.addSkipped(o.skipped());
            });
  }

  /** The CouchDB side for tests and callers that need it. */
  CouchDbReplica couch() {
    return ends.couch();
  }
}
