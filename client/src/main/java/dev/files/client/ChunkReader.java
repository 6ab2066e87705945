package dev.files.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a stream in chunks of a fixed size (the last one shorter, then empty ones), reading ahead
 * at most one chunk: the stream is paused whenever a chunk is waiting to be taken. The stream's
 * handlers may run on any thread; chunks are handed over on {@code context}.
 */
final class ChunkReader {
  private final ReadStream<Buffer> stream;
  private final int chunkSize;
  private final Context context;
  private Buffer pending = Buffer.buffer();
  private boolean ended;
  private Throwable failure;
  private Promise<Buffer> waiter;

  ChunkReader(ReadStream<Buffer> stream, int chunkSize, Context context) {
    this.stream = stream;
    this.chunkSize = chunkSize;
    this.context = context;
    stream.pause();
    stream.exceptionHandler(this::onFailure);
    stream.endHandler(v -> onEnd());
    stream.handler(this::onData);
  }

  /** The next chunk; empty once the stream has ended and every byte was taken. */
  Future<Buffer> next() {
    Promise<Buffer> promise = Promise.promise();
    boolean needMore;
    synchronized (this) {
      if (waiter != null) {
        throw new IllegalStateException("one chunk at a time");
      }
      waiter = promise;
      needMore = !deliver();
    }
    if (needMore) {
      stream.resume();
    }
    return promise.future();
  }

  private void onData(Buffer data) {
    boolean full;
    synchronized (this) {
      pending.appendBuffer(data);
      full = pending.length() >= chunkSize;
      deliver();
    }
    if (full) {
      stream.pause();
    }
  }

  private synchronized void onEnd() {
    ended = true;
    deliver();
  }

  private synchronized void onFailure(Throwable t) {
    failure = t;
    deliver();
  }

  /** Hands a chunk to the waiter when one is ready; whether it did. */
  private boolean deliver() {
    if (waiter == null) {
      return true;
    }
    Promise<Buffer> taker = waiter;
    if (failure != null) {
      waiter = null;
      Throwable cause = failure;
      context.runOnContext(v -> taker.fail(cause));
      return true;
    }
    if (pending.length() < chunkSize && !ended) {
      return false;
    }
    int length = Math.min(chunkSize, pending.length());
    Buffer chunk = pending.getBuffer(0, length);
    pending = pending.getBuffer(length, pending.length());
    waiter = null;
    context.runOnContext(v -> taker.complete(chunk));
    return true;
  }
}
