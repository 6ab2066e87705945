package dev.files.service.http;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/**
 * The body of {@code POST /files/*}: read whole up to the body limit and decoded as JSON, whatever
 * its Content-Type. No form decoder ever sees it, so {@code curl -d} (which sends {@code
 * application/x-www-form-urlencoded}) works, and a form or multipart body is simply not JSON: 400
 * {@code validation}.
 */
final class JsonBody {
  private JsonBody() {}

  /**
   * Reads the (possibly paused) request's body; fails with {@code too-large} as soon as it is
   * longer than {@code limit} (by its Content-Length or by what arrived), {@code validation} when
   * it is not JSON.
   */
  static Future<Object> read(HttpServerRequest request, long limit) {
    Long declared;
    try {
      declared = declaredLength(request);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
    if (declared != null && declared > limit) {
      return Future.failedFuture(tooLarge());
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.exceptionHandler(promise::tryFail);
    request.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          if (body.length() + (long) chunk.length() > limit) {
            promise.tryFail(tooLarge());
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future().map(JsonBody::decode);
  }

  private static Long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      // Netty refuses a malformed Content-Length before a handler runs; this is a safety net.
      throw FileError.validation("malformed Content-Length", "Content-Length");
    }
  }

  private static Object decode(Buffer buffer) {
    if (buffer.length() == 0) {
      throw FileError.validation("the request body must be a JSON object");
    }
    try {
      return Json.decodeValue(buffer);
    } catch (DecodeException e) {
      throw FileError.validation("the request body is not valid JSON");
    }
  }

  private static FileError tooLarge() {
    return new FileError(ErrorCode.TOO_LARGE, "the request body is too large");
  }
}
