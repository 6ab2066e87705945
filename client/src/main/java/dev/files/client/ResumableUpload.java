package dev.files.client;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part through a resumable session (the GCS protocol, also spoken by the service's local
 * storage): chunks with {@code Content-Range: bytes a-b/N}, 308 with {@code Range: bytes=0-x} while
 * incomplete, {@code bytes *}{@code /N} to ask where the session stands. The chunk in flight stays
 * in memory, so after a dropped connection the upload asks for the committed offset and sends the
 * rest of that chunk: no byte of the source is read twice.
 */
final class ResumableUpload {
  private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");

  private final Vertx vertx;
  private final WebClient web;
  private final String url;
  private final long size;
  private final UploaderOptions options;
  private final LongConsumer committed;
  private final Runnable resuming;
  private int resumes;

  /**
   * @param committed told the committed byte count after every acknowledged chunk
   * @param resuming told before each resume
   */
  ResumableUpload(
      Vertx vertx,
      WebClient web,
      String url,
      long size,
      UploaderOptions options,
      LongConsumer committed,
      Runnable resuming) {
    this.vertx = vertx;
    this.web = web;
    this.url = url;
    this.size = size;
    this.options = options;
    this.committed = committed;
    this.resuming = resuming;
  }

  /** Sends every chunk {@code reader} gives; completes when the storage has the whole object. */
  Future<Void> run(ChunkReader reader) {
    return nextChunk(reader, 0);
  }

  private Future<Void> nextChunk(ChunkReader reader, long offset) {
    return reader
        .next()
        .compose(
            chunk -> {
              if (chunk.length() == 0) {
                return Future.failedFuture(
                    FileError.validation(
                        "the source ended after " + offset + " of " + size + " declared bytes"));
              }
              if (offset + chunk.length() > size) {
                return Future.failedFuture(
                    FileError.validation(
                        "the source has more than the declared " + size + " bytes"));
              }
              return sendChunk(chunk, offset, offset)
                  .compose(
                      stored -> {
                        committed.accept(stored);
                        return stored >= size
                            ? Future.<Void>succeededFuture()
                            : nextChunk(reader, stored);
                      });
            });
  }

  /** Sends {@code chunk} (which starts at {@code start}) from {@code from}; the committed count. */
  private Future<Long> sendChunk(Buffer chunk, long start, long from) {
    long end = start + chunk.length() - 1;
    Buffer rest = chunk.getBuffer((int) (from - start), chunk.length());
    return web.putAbs(url)
        .idleTimeout(options.getIdleTimeout().toMillis())
        .putHeader("Content-Range", "bytes " + from + "-" + end + "/" + size)
        .sendBuffer(rest)
        .transform(
            sent -> {
              if (sent.succeeded() && !retryable(sent.result().statusCode())) {
                return acknowledged(sent.result(), chunk, start);
              }
              return resume(chunk, start, sent.failed() ? sent.cause() : status(sent.result()));
            });
  }

  private Future<Long> acknowledged(HttpResponse<Buffer> response, Buffer chunk, long start) {
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      return Future.succeededFuture(size);
    }
    if (status != 308) {
      return Future.failedFuture(Failures.fromReply(status, response.bodyAsString()));
    }
    long stored = committedBytes(response);
    long end = start + chunk.length();
    if (stored >= end) {
      return Future.succeededFuture(stored);
    }
    // The storage kept part of the chunk (it may cut a chunk short): send what it lacks.
    return resume(chunk, start, null);
  }

  /** Asks where the session stands, then sends the rest of the chunk from there. */
  private Future<Long> resume(Buffer chunk, long start, Throwable why) {
    if (resumes >= options.getMaxResumes()) {
      return Future.failedFuture(
          FileError.unavailable(
              "the upload session did not accept the bytes after "
                  + resumes
                  + " resumes: "
                  + (why == null ? "no progress" : why.toString()),
              why));
    }
    resumes++;
    resuming.run();
    long wait =
        UploaderOptions.doubling(
                options.getResumeBackoff(), options.getMaxResumeBackoff(), resumes - 1)
            .toMillis();
    return vertx
        .timer(wait)
        .compose(t -> where())
        .transform(
            asked -> {
              if (asked.failed()) {
                return asked.cause() instanceof FileError fe && !retryable(fe.status())
                    ? Future.failedFuture(fe)
                    : resume(chunk, start, asked.cause());
              }
              long stored = asked.result();
              if (stored >= size) {
                return Future.succeededFuture(size);
              }
              if (stored < start) {
                return Future.failedFuture(
                    new FileError(
                        ErrorCode.CONFLICT,
                        "the upload session holds "
                            + stored
                            + " bytes, fewer than the "
                            + start
                            + " it acknowledged"));
              }
              return stored >= start + chunk.length()
                  ? Future.succeededFuture(stored)
                  : sendChunk(chunk, start, stored);
            });
  }

  /** The committed byte count ({@code size} when complete); fails on anything else. */
  private Future<Long> where() {
    return web.putAbs(url)
        .idleTimeout(options.getIdleTimeout().toMillis())
        .putHeader("Content-Range", "bytes */" + size)
        .sendBuffer(Buffer.buffer())
        .compose(
            response -> {
              int status = response.statusCode();
              if (status == 200 || status == 201) {
                return Future.succeededFuture(size);
              }
              if (status == 308) {
                return Future.succeededFuture(committedBytes(response));
              }
              return Future.failedFuture(status(response));
            });
  }

  /**
   * Failures worth asking again: the storage's 5xx, 408 and 429, and 409, which the service's local
   * storage answers while it still writes the request the dropped connection cut.
   */
  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429 || status == 409;
  }

  private static FileError status(HttpResponse<Buffer> response) {
    return Failures.fromReply(response.statusCode(), response.bodyAsString());
  }

  private static long committedBytes(HttpResponse<Buffer> response) {
    String range = response.getHeader("Range");
    if (range == null) {
      return 0;
    }
    Matcher m = RANGE.matcher(range.trim());
    if (!m.matches()) {
      throw new FileError(ErrorCode.INTERNAL, "unexpected Range header " + range);
    }
    return Long.parseLong(m.group(1)) + 1;
  }
}
