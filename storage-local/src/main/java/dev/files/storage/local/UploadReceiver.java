package dev.files.storage.local;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a request body into a file at a position through an {@link UploadSink}: the bytes are
 * hashed and written on worker threads, with back pressure on the request. The request must have
 * been paused when it arrived so no bytes are lost while the file opens.
 */
final class UploadReceiver {
  private final WorkerExecutor workers;
  private final int maxBuffer;

  UploadReceiver(WorkerExecutor workers, int maxBuffer) {
    this.workers = workers;
    this.maxBuffer = maxBuffer;
  }

  /**
   * Writes the body to {@code file} from {@code position}, at most {@code limit} bytes (more fails
   * the upload), adding them to {@code digests}. Completes once the file is closed and no worker
   * touches it; the caller checks {@code digests.count()} for a short body.
   */
  Future<Void> receive(
      HttpServerRequest request, Path file, long position, long limit, Digests digests) {
    return workers
        .executeBlocking(
            () -> FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE),
            false)
        .compose(channel -> pipe(request, channel, position, limit, digests));
  }

  private Future<Void> pipe(
      HttpServerRequest request, FileChannel channel, long position, long limit, Digests digests) {
    if (request.response().closed()) {
      // The connection closed while the request waited paused: its close event is gone, so a
      // pipe started now would wait for a body that never comes.
      return close(channel)
          .transform(
              closed ->
                  Future.failedFuture(
                      FileError.validation(
                          "the connection closed before the body was read", "IncompleteBody")));
    }
    UploadSink sink = new UploadSink(workers, channel, position, digests, limit, maxBuffer);
    return request
        .pipeTo(sink)
        .transform(
            piped ->
                sink.stop()
                    .transform(stopped -> close(channel))
                    .transform(
                        closed -> {
                          if (piped.failed()) {
                            return Future.failedFuture(piped.cause());
                          }
                          return closed.failed()
                              ? Future.failedFuture(closed.cause())
                              : Future.succeededFuture();
                        }));
  }

  private Future<Void> close(FileChannel channel) {
    return workers.executeBlocking(
        () -> {
          channel.close();
          return null;
        },
        false);
  }
}
