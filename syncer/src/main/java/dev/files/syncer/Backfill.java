package dev.files.syncer;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backfill}: copies every Redis record to CouchDB in {@code _bulk_docs} batches, shard by
 * shard in id order, and records after each batch how far it got in the checkpoint document {@code
 * _local/files-syncer-backfill} of the CouchDB database. A crashed or stopped backfill started
 * again goes on from there; a finished one started again does nothing (use {@code restart}). Before
 * copying, it creates the follower's consumer groups at the streams' ends, so every write made
 * during the backfill is applied by {@code follow} afterwards. A record that cannot be applied for
 * a permanent reason is parked (see {@link Copier}) and the backfill goes on; a transient failure
 * stops the run, which resumes from its checkpoint when started again.
 */
public final class Backfill {
  static final String CHECKPOINT = "files-syncer-backfill";
  private static final Logger log = LoggerFactory.getLogger(Backfill.class);

  private final SyncerConfig config;
  private final Endpoints ends;
  private final Copier copier;
  private final GroupStreams streams;
  private final AtomicLong copied = new AtomicLong();
  private volatile long total;
  private volatile int shardAt;
  private int batchesLeft = Integer.MAX_VALUE;

  /** What a run did. */
  public record Result(long copied, long total, boolean resumed, boolean finished) {}

  public Backfill(SyncerConfig config, Endpoints ends, SyncerMetrics metrics) {
    this.config = config;
    this.ends = ends;
    this.copier = new Copier(ends, metrics);
    this.streams = new GroupStreams(ends.redis(), config.group(), config.consumer());
  }

  /** Stops after this many batches, as a crash would (for tests of resumption). */
  Backfill stopAfter(int batches) {
    this.batchesLeft = batches;
    return this;
  }

  /** Records copied in this run so far. */
  public long copied() {
    return copied.get();
  }

  /** Records Redis held when the run started. */
  public long total() {
    return total;
  }

  /** A progress line. */
  public String progress(long startedAt) {
    long n = copied.get();
    double secs = Math.max(0.001, (System.currentTimeMillis() - startedAt) / 1000.0);
    return String.format(
        "backfill: %,d of %,d records (%.0f%%), %,.0f records/s, shard %d/%d",
        n,
        total,
        total == 0 ? 100.0 : 100.0 * n / total,
        n / secs,
        shardAt + 1,
        ends.redis().shards());
  }

  /** Runs to the end (or from the start again with {@code restart}). */
  public Future<Result> run(boolean restart) {
    return streams
        .ensureGroups()
        .compose(v -> countAll())
        .compose(v -> ends.couch().readLocal(CHECKPOINT))
        .compose(
            cp -> {
              boolean usable = !restart && cp != null && matches(cp);
              JsonObject start = usable ? cp : fresh(cp);
              if (usable) {
                log.info("syncer backfill: resuming from " + start.getJsonArray("after"));
              }
              return shard(start, 0)
                  .recover(
                      e ->
                          Future.failedFuture(
                              new FileError(
                                  FileError.of(e).code(),
                                  "backfill stopped in shard " + shardAt + ": " + e.getMessage(),
                                  e)))
                  .map(
                      last ->
                          new Result(
                              copied.get(), total, usable, last.getBoolean("finished", false)));
            });
  }

  private Future<Void> countAll() {
    List<Future<Long>> counts = new ArrayList<>();
    for (int n = 0; n < ends.redis().shards(); n++) {
      counts.add(ends.redis().count(n));
    }
    return Future.all(counts)
        .map(
            f -> {
              long sum = 0;
              for (int i = 0; i < counts.size(); i++) {
                sum += f.<Long>resultAt(i);
              }
              total = sum;
              return null;
            });
  }

  private boolean matches(JsonObject cp) {
    return config.redis().prefix().equals(cp.getString("prefix"))
        && cp.getInteger("shards", -1) == ends.redis().shards();
  }

  private JsonObject fresh(JsonObject old) {
    JsonArray after = new JsonArray();
    JsonArray done = new JsonArray();
    for (int n = 0; n < ends.redis().shards(); n++) {
      after.addNull();
      done.add(false);
    }
    JsonObject cp =
        new JsonObject()
            .put("prefix", config.redis().prefix())
            .put("shards", ends.redis().shards())
            .put("after", after)
            .put("done", done)
            .put("copied", 0L)
            .put("startedAt", System.currentTimeMillis());
    if (old != null) {
      cp.put("_rev", old.getString("_rev"));
    }
    return cp;
  }

  /** Copies shard {@code n} from its checkpoint, then the next shards. */
  private Future<JsonObject> shard(JsonObject cp, int n) {
    if (n >= ends.redis().shards()) {
      return ends.couch().writeLocal(CHECKPOINT, cp.put("finished", true));
    }
    shardAt = n;
    if (cp.getJsonArray("done").getBoolean(n)) {
      return shard(cp, n + 1);
    }
    if (batchesLeft-- <= 0) {
      return Future.succeededFuture(cp);
    }
    String after = cp.getJsonArray("after").getString(n);
    return ends.redis()
        .ids(n, after, config.batchSize())
        .compose(
            ids -> {
              if (ids.isEmpty()) {
                cp.getJsonArray("done").set(n, true);
                return ends.couch().writeLocal(CHECKPOINT, cp).compose(c -> shard(c, n + 1));
              }
              return copier
                  .copyOrPark(n, ids, Map.of(), "backfill")
                  .compose(
                      o -> {
                        copied.addAndGet(ids.size());
                        cp.getJsonArray("after").set(n, ids.get(ids.size() - 1));
                        cp.put("copied", cp.getLong("copied", 0L) + ids.size());
                        return ends.couch().writeLocal(CHECKPOINT, cp);
                      })
                  .compose(c -> shard(c, n));
            });
  }
}
