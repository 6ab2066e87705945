package dev.files.storage.local;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the /blobs/ handlers answer: the object resource, errors, and never before the body. */
final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  private Responses() {}

  /** The object resource as GCS answers a finished upload, with its hash headers. */
  static void sendResource(HttpServerRequest request, ObjectMeta meta, int status) {
    HttpServerResponse response =
        request
            .response()
            .setStatusCode(status)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
            .putHeader(HttpHeaders.ETAG, meta.etag())
            .putHeader("x-goog-generation", Long.toString(meta.generation()))
            .putHeader("x-goog-hash", hashHeader(meta));
    afterBody(request, () -> response.end(meta.toResource().encode()));
  }

  static String hashHeader(ObjectMeta meta) {
    return "crc32c=" + meta.crc32c() + ",md5=" + meta.md5Base64();
  }

  /** The error JSON with its status; a response already under way is cut off instead. */
  static void fail(HttpServerRequest request, Throwable err) {
    FileError error = FileError.of(err);
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      LOG.info(
          request.method()
              + " "
              + request.path()
              + ": the connection closed before the answer: "
              + err);
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (error.code() == ErrorCode.INTERNAL) {
      LOG.error(request.method() + " " + request.path() + " failed", err);
    }
    response
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8");
    afterBody(request, () -> response.end(error.toJson().encode()));
  }

  /**
   * Answers once the request body is gone, so that client and connection never see an answer to a
   * request still being sent: a body nobody read (a rejected or redirected PUT) is drained first
   * when small; a large or unknown one is not read: the answer says {@code Connection: close} and
   * the connection is closed after it.
   */
  static void afterBody(HttpServerRequest request, Supplier<Future<Void>> respond) {
    if (request.isEnded() || request.method() != HttpMethod.PUT) {
      respond.get();
      return;
    }
    Long declared = null;
    try {
      declared = contentLength(request);
    } catch (FileError ignored) {
      // unknown length: not drained
    }
    if (declared == null || declared > DRAIN_LIMIT) {
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
      respond.get().onComplete(done -> request.connection().close());
      return;
    }
    request.exceptionHandler(err -> LOG.debug("request body broke off: " + err.getMessage()));
    request.handler(buffer -> {});
    request.endHandler(v -> respond.get());
    request.resume();
  }

  /** The declared body length, or null when the request does not say. */
  static Long contentLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw FileError.validation("malformed Content-Length", "Content-Length");
    }
  }
}
