package dev.files.storage.local;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * Streams a request body into a file at a position with back pressure ({@code pipeTo} an {@link
 * AsyncFile} whose write queue is bounded), hashing on the way. The request must have been paused
 * when it arrived so no bytes are lost while the file opens.
 */
final class UploadReceiver {
  private final Vertx vertx;
  private final int maxBuffer;

  UploadReceiver(Vertx vertx, int maxBuffer) {
    this.vertx = vertx;
    this.maxBuffer = maxBuffer;
  }

  /**
   * Writes the body to {@code file} from {@code position}, at most {@code limit} bytes (more fails
   * the upload), adding them to {@code digests}. Completes once the file is closed; the caller
   * checks {@code digests.count()} for a short body.
   */
  Future<Void> receive(
      HttpServerRequest request, Path file, long position, long limit, Digests digests) {
    OpenOptions options = new OpenOptions().setWrite(true).setCreate(true).setRead(false);
    return vertx
        .fileSystem()
        .open(file.toString(), options)
        .compose(
            asyncFile -> {
              if (request.response().closed()) {
                // The connection closed while the request waited paused: its close event is gone,
                // so a pipe started now would wait for a body that never comes.
                return asyncFile
                    .close()
                    .transform(
                        closed ->
                            Future.failedFuture(
                                FileError.validation(
                                    "the connection closed before the body was read",
                                    "IncompleteBody")));
              }
              asyncFile.setWritePos(position);
              asyncFile.setWriteQueueMaxSize(maxBuffer);
              long limitFromStart = digests.count() + limit;
              HashingWriteStream sink = new HashingWriteStream(asyncFile, digests, limitFromStart);
              return request
                  .pipeTo(sink)
                  .transform(
                      piped ->
                          asyncFile
                              .close()
                              .transform(
                                  closed -> {
                                    if (piped.failed()) {
                                      return Future.failedFuture(piped.cause());
                                    }
                                    return closed.failed()
                                        ? Future.failedFuture(closed.cause())
                                        : Future.succeededFuture();
                                  }));
            });
  }
}
