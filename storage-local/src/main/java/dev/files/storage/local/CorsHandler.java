package dev.files.storage.local;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * CORS for /blobs/: preflights, and the answer headers of requests from an allowed origin (the
 * configured ones, or the origin a resumable session was started from).
 */
final class CorsHandler {
  private static final String EXPOSED =
      "Location, Range, Content-Range, Content-Length, Content-Type, ETag, x-goog-generation,"
          + " x-goog-hash";
  private static final String ALLOWED_HEADERS =
      "Content-Type, Content-MD5, Content-Range, Content-Length, Range, x-goog-resumable";

  private final ResumableUploads sessions;
  private final List<String> corsOrigins;

  CorsHandler(ResumableUploads sessions, List<String> corsOrigins) {
    this.sessions = sessions;
    this.corsOrigins = corsOrigins;
  }

  /** Answers an {@code OPTIONS} preflight: 200 for an allowed origin, 403 otherwise. */
  void preflight(HttpServerRequest request, BlobPath path) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    Future<String> sessionOrigin =
        path.isSession()
            ? sessions.find(path.sessionId()).map(UploadSession::origin).otherwise((String) null)
            : Future.succeededFuture(null);
    sessionOrigin.onComplete(
        done -> {
          if (origin == null || !allowed(origin, done.result())) {
            Responses.fail(
                request, FileError.forbidden("this origin may not call storage from a browser"));
            return;
          }
          allowOrigin(request, done.result());
          String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
          request
              .response()
              .putHeader(
                  HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, PUT, DELETE, OPTIONS")
              .putHeader(
                  HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                  requested != null ? requested : ALLOWED_HEADERS)
              .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
              .setStatusCode(200)
              .end();
        });
  }

  /**
   * Adds the CORS answer headers when the request's origin may see the response.
   *
   * @param sessionOrigin the origin of the session the request is for, or null
   */
  void allowOrigin(HttpServerRequest request, String sessionOrigin) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || !allowed(origin, sessionOrigin)) {
      return;
    }
    request
        .response()
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN)
        .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
  }

  private boolean allowed(String origin, String sessionOrigin) {
    return origin.equals(sessionOrigin)
        || corsOrigins.contains("*")
        || corsOrigins.contains(origin);
  }
}
