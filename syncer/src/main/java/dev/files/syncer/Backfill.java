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
 * during the backfill is applied by {@code follow} afterwards. Shards are copied {@code
 * syncer.backfillShards} side by side; at the end the list indexes are brought up to date (on a
 * fresh database: built) before the run completes, unless {@code syncer.warmIndexes} is off. A
 * record that cannot be applied for a permanent reason is parked (see {@link Copier}) and the
 * backfill goes on; a transient failure stops the run, which resumes from its checkpoint when
 * started again.
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
  private volatile double indexSeconds = -1;
  private volatile boolean halted;

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

  /**
   * Seconds the final update of the list indexes took (a build from scratch after a first
   * backfill), -1 until it ran.
   */
  public double indexSeconds() {
    return indexSeconds;
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
              return copyAll(start)
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

  /**
   * Copies every shard from its checkpoint, {@code backfillShards} side by side (each shard in id
   * order by one worker); then marks the checkpoint finished and brings the list indexes up to date
   * (built from scratch on a fresh database: timed in {@link #indexSeconds()}).
   */
  private Future<JsonObject> copyAll(JsonObject start) {
    Checkpoint cp = new Checkpoint(start);
    int workers = Math.min(config.backfillShards(), ends.redis().shards());
    int[] nextShard = {0};
    List<Future<Void>> all = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      all.add(worker(cp, nextShard));
    }
    // join: on a failure the other workers stop after their batch in flight, and the run ends
    // only when they did (so the checkpoint it leaves is final)
    return Future.join(all)
        .compose(
            v -> {
              if (!cp.allDone(ends.redis().shards())) {
                return cp.snapshotFuture();
              }
              Future<JsonObject> finished = cp.save(c -> c.put("finished", true));
              return config.warmIndexes() ? finished.compose(x -> buildIndexes(cp)) : finished;
            });
  }

  private Future<JsonObject> buildIndexes(Checkpoint cp) {
    long t0 = System.nanoTime();
    return ends.couch()
        .warmIndexes()
        .map(
            v -> {
              indexSeconds = (System.nanoTime() - t0) / 1e9;
              log.info(
                  String.format(
                      "syncer backfill: list indexes up to date in %.1f s", indexSeconds));
              return cp.snapshot();
            });
  }

  /** Takes the next shard not done yet and copies it; then the next one. */
  private Future<Void> worker(Checkpoint cp, int[] nextShard) {
    int n;
    synchronized (nextShard) {
      n = nextShard[0]++;
    }
    if (n >= ends.redis().shards()) {
      return Future.succeededFuture();
    }
    shardAt = n;
    return shard(cp, n)
        .onFailure(e -> halted = true)
        .compose(more -> more ? worker(cp, nextShard) : Future.succeededFuture());
  }

  /** Copies shard {@code n} from its checkpoint to its end; false when stopped early. */
  private Future<Boolean> shard(Checkpoint cp, int n) {
    if (cp.done(n)) {
      return Future.succeededFuture(true);
    }
    if (!takeBatch()) {
      return Future.succeededFuture(false);
    }
    String after = cp.after(n);
    return ends.redis()
        .ids(n, after, config.batchSize())
        .compose(
            ids -> {
              if (ids.isEmpty()) {
                return cp.save(c -> c.getJsonArray("done").set(n, true)).map(true);
              }
              return copier
                  .copyOrPark(n, ids, Map.of(), "backfill")
                  .compose(
                      o -> {
                        copied.addAndGet(ids.size());
                        return cp.save(
                            c -> {
                              c.getJsonArray("after").set(n, ids.get(ids.size() - 1));
                              c.put("copied", c.getLong("copied", 0L) + ids.size());
                            });
                      })
                  .compose(c -> shard(cp, n));
            });
  }

  private synchronized boolean takeBatch() {
    return !halted && batchesLeft-- > 0;
  }

  /**
   * The checkpoint document shared by the workers: each change is applied to the one copy here and
   * written in order (one write at a time, each on the revision the previous one returned), so
   * concurrent workers never conflict on {@code _rev}.
   */
  private final class Checkpoint {
    private final JsonObject doc;
    private Future<JsonObject> written = Future.succeededFuture();

    Checkpoint(JsonObject doc) {
      this.doc = doc;
    }

    synchronized boolean done(int n) {
      return doc.getJsonArray("done").getBoolean(n);
    }

    synchronized String after(int n) {
      return doc.getJsonArray("after").getString(n);
    }

    synchronized boolean allDone(int shards) {
      for (int n = 0; n < shards; n++) {
        if (!done(n)) {
          return false;
        }
      }
      return true;
    }

    synchronized JsonObject snapshot() {
      return doc.copy();
    }

    Future<JsonObject> snapshotFuture() {
      Future<JsonObject> last;
      synchronized (this) {
        last = written;
      }
      return last.map(x -> snapshot());
    }

    /** Applies {@code change} and writes the checkpoint after the writes before it. */
    synchronized Future<JsonObject> save(java.util.function.Consumer<JsonObject> change) {
      change.accept(doc);
      written =
          written.transform(
              ignored -> {
                JsonObject next = snapshot();
                return ends.couch()
                    .writeLocal(CHECKPOINT, next)
                    .onSuccess(w -> setRev(w.getString("_rev")));
              });
      return written;
    }

    private synchronized void setRev(String rev) {
      doc.put("_rev", rev);
    }
  }
}
