package dev.files.storage.gcs.testing;

import dev.files.blob.BlobStorage;
import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FinalizeSink} that behaves like files.finish for these tests: objects the service does
 * not know fail {@code not-found}; the object is checked in storage (a generation that is not the
 * live one is stale: {@code conflict}; another size or MD5: {@code invalid-content}); a finish is
 * idempotent, keyed by bucket, object and generation. It can fail transiently a number of times and
 * hold finishes open (to watch flow control).
 */
public final class FakeFinish implements FinalizeSink {
  private final BlobStorage storage;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> finishes = new ConcurrentHashMap<>();
  private final List<ObjectFinalized> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger transientFailures = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Queue<Promise<Void>> held = new ConcurrentLinkedQueue<>();
  private volatile boolean hold;

  public FakeFinish(BlobStorage storage) {
    this.storage = storage;
  }

  /** The service knows (has a pending part for) this object. */
  public FakeFinish know(String bucket, String object) {
    known.add(bucket + "/" + object);
    return this;
  }

  /** The next {@code n} calls fail with {@code unavailable}. */
  public FakeFinish failTransiently(int n) {
    transientFailures.set(n);
    return this;
  }

  /** Holds successful finishes open until {@link #releaseOne()}. */
  public FakeFinish hold(boolean h) {
    this.hold = h;
    return this;
  }

  /** Completes the oldest held finish; false when none is held. */
  public boolean releaseOne() {
    Promise<Void> p = held.poll();
    if (p == null) {
      return false;
    }
    p.complete();
    return true;
  }

  public int held() {
    return held.size();
  }

  /** How often the finish of this generation succeeded (1 = applied, more = duplicates). */
  public int finishes(String bucket, String object, long generation) {
    AtomicInteger n = finishes.get(key(bucket, object, generation));
    return n == null ? 0 : n.get();
  }

  /** Generations that were finished, as {@code bucket/object#generation}. */
  public Set<String> finished() {
    return Set.copyOf(finishes.keySet());
  }

  /** Every event the sink was given. */
  public List<ObjectFinalized> calls() {
    return List.copyOf(calls);
  }

  /** The most finishes that were in progress at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public Future<Void> accept(ObjectFinalized e) {
    calls.add(e);
    if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Future.failedFuture(FileError.unavailable("store unavailable (test)", null));
    }
    if (!known.contains(e.bucket() + "/" + e.object())) {
      return Future.failedFuture(FileError.notFound("unknown object " + e.object()));
    }
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    Future<Void> done =
        storage
            .stat(e.bucket(), e.object())
            .compose(
                stat -> {
                  if (e.generation() != null && e.generation() != stat.generation()) {
                    return Future.failedFuture(
                        new FileError(ErrorCode.CONFLICT, "stale generation " + e.generation()));
                  }
                  if (e.size() != null && e.size() != stat.size()
                      || e.md5Base64() != null
                          && !Objects.equals(e.md5Base64(), stat.md5Base64())) {
                    return Future.failedFuture(
                        new FileError(ErrorCode.INVALID_CONTENT, "size or MD5 differs"));
                  }
                  finishes
                      .computeIfAbsent(
                          key(e.bucket(), e.object(), stat.generation()), k -> new AtomicInteger())
                      .incrementAndGet();
                  if (!hold) {
                    return Future.<Void>succeededFuture();
                  }
                  Promise<Void> p = Promise.promise();
                  held.add(p);
                  return p.future();
                });
    return done.eventually(
        () -> {
          inFlight.decrementAndGet();
          return Future.succeededFuture();
        });
  }

  public static String key(String bucket, String object, long generation) {
    return bucket + "/" + object + "#" + generation;
  }
}
