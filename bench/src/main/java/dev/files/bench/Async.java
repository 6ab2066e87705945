package dev.files.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Blocking waits for the benchmark's main thread and a bounded-concurrency driver. */
final class Async {
  private Async() {}

  /** The future's result, waiting at most {@code seconds}. */
  static <T> T await(Future<T> f, long seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + seconds + " s", e);
    }
  }

  /**
   * Runs {@code task(i)} for i in [0, count) with at most {@code concurrency} in flight, stopping
   * early (no new task) once {@code deadlineNanos} (System.nanoTime) has passed. Fails with the
   * first failure. Returns how many tasks completed.
   */
  static Future<Long> pump(
      Vertx vertx, long count, int concurrency, long deadlineNanos, LongFunction<Future<?>> task) {
    Promise<Long> done = Promise.promise();
    AtomicLong next = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    AtomicLong running = new AtomicLong(concurrency);
    vertx.runOnContext(
        v -> {
          for (int w = 0; w < concurrency; w++) {
            worker(next, completed, running, count, deadlineNanos, task, done);
          }
        });
    return done.future();
  }

  private static void worker(
      AtomicLong next,
      AtomicLong completed,
      AtomicLong running,
      long count,
      long deadlineNanos,
      LongFunction<Future<?>> task,
      Promise<Long> done) {
    // A loop, not recursion, for futures that are already complete (the memory store's).
    while (true) {
      long i = next.getAndIncrement();
      if (i >= count || System.nanoTime() > deadlineNanos || done.future().isComplete()) {
        if (running.decrementAndGet() == 0) {
          done.tryComplete(completed.get());
        }
        return;
      }
      Future<?> f;
      try {
        f = task.apply(i);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (!f.isComplete()) {
        f.onComplete(
            ar -> {
              record(ar.failed() ? ar.cause() : null, completed, done);
              worker(next, completed, running, count, deadlineNanos, task, done);
            });
        return;
      }
      record(f.failed() ? f.cause() : null, completed, done);
    }
  }

  private static void record(Throwable failure, AtomicLong completed, Promise<Long> done) {
    if (failure != null) {
      done.tryFail(failure);
    } else {
      completed.incrementAndGet();
    }
  }
}
