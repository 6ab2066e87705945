package dev.files.storage.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of an upload's pipeline (hashing, or writing to the file) that runs on a worker thread,
 * one batch at a time and in the order the buffers arrived, so that the event loop only hands
 * buffers over. All methods are called on the upload's event loop; the step's own state is touched
 * by one worker at a time (each batch starts after the previous one completed).
 */
final class WorkerStage {
  /** The work a stage does on each buffer, on a worker thread. */
  @FunctionalInterface
  interface Step {
    void accept(Buffer buffer) throws Exception;
  }

  private final WorkerExecutor executor;
  private final Step step;
  private final Runnable onProgress;
  private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();
  private boolean running;
  private long done;
  private Throwable failure;

  /**
   * @param onProgress called on the event loop after each batch (bytes done, or a failure)
   */
  WorkerStage(WorkerExecutor executor, Step step, Runnable onProgress) {
    this.executor = executor;
    this.step = step;
    this.onProgress = onProgress;
  }

  /** Queues the buffer; it is handled after every buffer queued before it. */
  void submit(Buffer buffer) {
    if (failure != null) {
      return;
    }
    pending.add(buffer);
    runNextBatch();
  }

  /** Bytes handled so far. */
  long done() {
    return done;
  }

  /** The first failure of the step, or null. */
  Throwable failure() {
    return failure;
  }

  /** Drops what is queued and completes once no batch is running any more. */
  Future<Void> stop() {
    pending.clear();
    return idle();
  }

  /** Completes once every queued buffer is handled (or the step failed). */
  Future<Void> idle() {
    if (!running) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    idleWaiters.add(promise);
    return promise.future();
  }

  private void runNextBatch() {
    if (running || pending.isEmpty()) {
      return;
    }
    List<Buffer> batch = new ArrayList<>(pending);
    pending.clear();
    running = true;
    executor
        .executeBlocking(
            () -> {
              long bytes = 0;
              for (Buffer buffer : batch) {
                step.accept(buffer);
                bytes += buffer.length();
              }
              return bytes;
            },
            false)
        .onComplete(
            ar -> {
              running = false;
              if (ar.succeeded()) {
                done += ar.result();
              } else if (failure == null) {
                failure = ar.cause();
                pending.clear();
              }
              runNextBatch();
              if (!running) {
                List<Promise<Void>> waiters = List.copyOf(idleWaiters);
                idleWaiters.clear();
                waiters.forEach(Promise::complete);
              }
              onProgress.run();
            });
  }
}
