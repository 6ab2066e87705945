package dev.files.storage.local;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where an upload's body goes: two {@link WorkerStage}s side by side, one adding the bytes to the
 * MD5 (the slow part: one core hashes about 500 MB/s), one writing them to the file at their
 * position and adding them to the CRC32C. The event loop only hands buffers over, so it never
 * hashes. Back pressure: once {@code maxBuffer} bytes are received but not through both stages,
 * {@link #writeQueueFull()} pauses the request until the slower stage is down to half of it; that
 * bounds the memory an upload holds. More bytes than {@code limit} fail the upload.
 */
final class UploadSink implements WriteStream<Buffer> {
  private final Digests digests;
  private final long limit;
  private final int maxBuffer;
  private final WorkerStage hashing;
  private final WorkerStage writing;
  private long received;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;
  private Promise<Void> ended;

  /**
   * @param channel the file, written from {@code position}; the caller closes it
   * @param digests the digests so far (a resumed upload's committed bytes), updated on the way
   * @param limit the most bytes this body may have
   */
  UploadSink(
      WorkerExecutor workers,
      FileChannel channel,
      long position,
      Digests digests,
      long limit,
      int maxBuffer) {
    this.digests = digests;
    this.limit = limit;
    this.maxBuffer = maxBuffer;
    this.hashing = new WorkerStage(workers, b -> digests.updateMd5(bytesOf(b)), this::progress);
    FileWriter writer = new FileWriter(channel, position, digests);
    this.writing = new WorkerStage(workers, writer::write, this::progress);
  }

  @Override
  public Future<Void> write(Buffer data) {
    Throwable failure = failure();
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (received + data.length() > limit) {
      return Future.failedFuture(
          FileError.validation("more bytes than declared", "RequestBodyTooLarge"));
    }
    received += data.length();
    hashing.submit(data);
    writing.submit(data);
    return Future.succeededFuture();
  }

  /** Completes once every byte is hashed and written, or fails with the first failure. */
  @Override
  public Future<Void> end() {
    if (ended == null) {
      ended = Promise.promise();
      progress();
    }
    return ended.future();
  }

  /**
   * After the body stopped (ended or broke off): drops what is still queued and completes once no
   * worker touches the file or the digests any more, so that the caller may close or cut the file.
   */
  Future<Void> stop() {
    return Future.join(hashing.stop(), writing.stop()).mapEmpty();
  }

  @Override
  public boolean writeQueueFull() {
    return backlog() >= maxBuffer;
  }

  @Override
  public UploadSink drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  @Override
  public UploadSink exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public UploadSink setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  private long backlog() {
    return received - Math.min(hashing.done(), writing.done());
  }

  private Throwable failure() {
    return hashing.failure() != null ? hashing.failure() : writing.failure();
  }

  /** After each batch of either stage: report a failure, release a paused body, or finish. */
  private void progress() {
    Throwable failure = failure();
    if (failure != null) {
      if (ended != null) {
        ended.tryFail(failure);
      } else if (exceptionHandler != null) {
        exceptionHandler.handle(failure);
      }
      return;
    }
    if (drainHandler != null && backlog() <= maxBuffer / 2) {
      Handler<Void> handler = drainHandler;
      drainHandler = null;
      handler.handle(null);
    }
    if (ended != null && hashing.done() == received && writing.done() == received) {
      ended.tryComplete();
    }
  }

  /** A view of the buffer's bytes without copying them; each stage reads its own view. */
  private static ByteBuffer bytesOf(Buffer buffer) {
    return ((BufferInternal) buffer).getByteBuf().nioBuffer();
  }

  /** Writes buffers one after the other from a position, adding them to the CRC32C. */
  private static final class FileWriter {
    private final FileChannel channel;
    private final Digests digests;
    private long position;

    FileWriter(FileChannel channel, long position, Digests digests) {
      this.channel = channel;
      this.position = position;
      this.digests = digests;
    }

    void write(Buffer buffer) throws java.io.IOException {
      ByteBuffer bytes = bytesOf(buffer);
      digests.updateCrc32c(bytes.duplicate());
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
    }
  }
}
