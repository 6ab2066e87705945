package dev.files.bench;

import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes to the primary store at a fixed rate for a bounded time: creates of new data-set records
 * and updates (new name, updatedAt) of records the load created, alternately. Every {@code
 * sampleEvery}-th write is handed to the {@link EndToEndProbe} once Redis confirmed it. At most
 * {@code maxInFlight} writes are outstanding; writes the store cannot take in time are owed, not
 * dropped, so the achieved rate shows a store that falls behind. Runs on the context it is started
 * on (all its state is confined to it).
 */
final class SyncWriter {
  private static final long TICK_MS = 5;

  /** What the writer did. */
  record Result(
      long creates,
      long updates,
      long errors,
      String firstError,
      double seconds,
      long peakInFlight,
      long owed) {
    double writesPerSecond() {
      return (creates + updates) / seconds;
    }
  }

  private final Vertx vertx;
  private final FileStore store;
  private final DataSet data;
  private final long loaded;
  private final int rate;
  private final int sampleEvery;
  private final int maxInFlight;
  private final EndToEndProbe probe;
  private final SplittableRandom random = new SplittableRandom(7);
  private final Map<Long, Long> versions = new HashMap<>();
  private final Set<Long> updating = new HashSet<>();
  private final Promise<Result> done = Promise.promise();
  private long issued;
  private long inFlight;
  private long peakInFlight;
  private long owedAtEnd;
  private long creates;
  private long updates;
  private long errors;
  private String firstError;
  private long startNanos;
  private long endNanos;
  private long timer;
  private Context context;

  SyncWriter(
      Vertx vertx,
      FileStore store,
      DataSet data,
      long loaded,
      int rate,
      int sampleEvery,
      int maxInFlight,
      EndToEndProbe probe) {
    this.vertx = vertx;
    this.store = store;
    this.data = data;
    this.loaded = loaded;
    this.rate = rate;
    this.sampleEvery = sampleEvery;
    this.maxInFlight = maxInFlight;
    this.probe = probe;
  }

  /** Writes for {@code seconds}, then waits for the writes in flight; call on the context. */
  Future<Result> run(long seconds) {
    context = vertx.getOrCreateContext();
    startNanos = System.nanoTime();
    endNanos = startNanos + seconds * 1_000_000_000L;
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
    return done.future();
  }

  private void tick() {
    long now = System.nanoTime();
    if (now >= endNanos) {
      owedAtEnd = rate * (endNanos - startNanos) / 1_000_000_000L - issued;
      vertx.cancelTimer(timer);
      finishIfIdle();
      return;
    }
    long due = (long) (rate * ((now - startNanos) / 1e9));
    while (issued < due && inFlight < maxInFlight) {
      issue(issued++);
    }
  }

  private void issue(long n) {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    boolean sampled = n % sampleEvery == 0;
    long updated = n % 2 == 0 ? -1 : pickForUpdate();
    Future<FileRecord> write = updated < 0 ? create() : update(updated);
    // The store completes on its own connection's thread: the writer's state lives on its context.
    write.onComplete(ar -> context.runOnContext(v -> completed(ar, sampled, updated)));
  }

  private void completed(AsyncResult<FileRecord> ar, boolean sampled, long updated) {
    inFlight--;
    if (updated >= 0) {
      updating.remove(updated);
    }
    if (ar.failed()) {
      errors++;
      if (firstError == null) {
        firstError = ar.cause().toString();
      }
    } else {
      if (updated >= 0) {
        versions.put(updated, ar.result().version());
      }
      if (sampled) {
        probe.expect(ar.result().uploadId(), ar.result().version(), System.nanoTime());
      }
    }
    if (System.nanoTime() >= endNanos) {
      finishIfIdle();
    }
  }

  private Future<FileRecord> create() {
    long i = loaded + creates;
    creates++;
    return store.create(data.record(i));
  }

  /** A loaded record no write in flight is changing. */
  private long pickForUpdate() {
    long i = random.nextLong(loaded);
    while (updating.contains(i)) {
      i = random.nextLong(loaded);
    }
    updating.add(i);
    return i;
  }

  private Future<FileRecord> update(long index) {
    long expected = versions.getOrDefault(index, 1L);
    FileRecord base = data.record(index);
    FileRecord changed =
        base.toBuilder()
            .name(base.name() + " v" + (expected + 1))
            .updatedAt(System.currentTimeMillis())
            .build();
    updates++;
    return store.update(changed, expected);
  }

  private void finishIfIdle() {
    if (inFlight == 0 && !done.future().isComplete()) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      done.complete(
          new Result(creates, updates, errors, firstError, seconds, peakInFlight, owedAtEnd));
    }
  }
}
