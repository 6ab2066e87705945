package dev.files.storage.local;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;

/**
 * Writes to a file while updating MD5/CRC32C and refusing more than {@code limit} bytes. Back
 * pressure is the file's: its write queue bounds the memory an upload holds. {@code end()} does not
 * close the file, the receiver closes it once (it must also do so after a failed pipe).
 */
final class HashingWriteStream implements WriteStream<Buffer> {
  private final AsyncFile file;
  private final Digests digests;
  private final long limit;

  HashingWriteStream(AsyncFile file, Digests digests, long limit) {
    this.file = file;
    this.digests = digests;
    this.limit = limit;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (digests.count() + data.length() > limit) {
      return Future.failedFuture(
          FileError.validation("more bytes than declared", "RequestBodyTooLarge"));
    }
    digests.update(data);
    return file.write(data);
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public HashingWriteStream exceptionHandler(Handler<Throwable> handler) {
    file.exceptionHandler(handler);
    return this;
  }

  @Override
  public HashingWriteStream setWriteQueueMaxSize(int maxSize) {
    file.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return file.writeQueueFull();
  }

  @Override
  public HashingWriteStream drainHandler(Handler<Void> handler) {
    file.drainHandler(handler);
    return this;
  }
}
