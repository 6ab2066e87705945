package dev.files.storage.local;

import dev.files.blob.StorageRoute;
import dev.files.error.FileError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP face of {@link LocalBlobStorage} under {@code /blobs/}, speaking the client protocol of
 * GCS: it reads the path and method and hands the request to {@link UploadHandler} (signed single
 * PUT, resumable sessions), {@link DownloadHandler} (signed or public GET and HEAD with a single
 * Range) or {@link CorsHandler} (preflights for the configured origins and a session's own).
 *
 * <p>The service mounts {@link #route()} before any body handler or asynchronous handler that would
 * see {@code /blobs/} requests: upload bodies are streamed to disk and must not be buffered.
 */
public final class LocalBlobRoutes {
  /** The path prefix every route lives under. */
  public static final String PREFIX = "/blobs/";

  private static final String OBJECT_METHODS = "GET, HEAD, PUT, OPTIONS";
  private static final String SESSION_METHODS = "PUT, DELETE, OPTIONS";

  private final UploadHandler uploads;
  private final DownloadHandler downloads;
  private final CorsHandler cors;

  public LocalBlobRoutes(LocalBlobStorage storage) {
    this.cors = new CorsHandler(storage.sessions(), storage.options().corsOrigins());
    this.uploads = new UploadHandler(storage, cors);
    this.downloads = new DownloadHandler(storage);
  }

  /** One route for everything under {@code /blobs/}. */
  public StorageRoute route() {
    return new StorageRoute.Streaming(PREFIX, this::handle);
  }

  /** Answers one request under {@link #PREFIX}. */
  public void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.PUT) {
      // Nothing may be read before the body has somewhere to go.
      request.pause();
    }
    try {
      checkQuery(request);
      dispatch(request, BlobPath.parse(request.path()));
    } catch (FileError e) {
      Responses.fail(request, e);
    }
  }

  private void dispatch(HttpServerRequest request, BlobPath path) {
    HttpMethod method = request.method();
    if (method == HttpMethod.OPTIONS) {
      cors.preflight(request, path);
    } else if (path.isSession() && method == HttpMethod.PUT) {
      uploads.sessionPut(request, path.sessionId());
    } else if (path.isSession() && method == HttpMethod.DELETE) {
      uploads.sessionCancel(request, path.sessionId());
    } else if (!path.isSession() && method == HttpMethod.PUT) {
      cors.allowOrigin(request, null);
      uploads.signedPut(request, path);
    } else if (!path.isSession() && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
      cors.allowOrigin(request, null);
      downloads.handle(request, path);
    } else {
      // The contract has no code for 405: a method a path does not serve is not-found (404),
      // the Allow header names the ones it does.
      request
          .response()
          .putHeader(HttpHeaders.ALLOW, path.isSession() ? SESSION_METHODS : OBJECT_METHODS);
      throw FileError.notFound(method.name() + " is not served on this path");
    }
  }

  /** Decodes the query string once, so that a malformed escape in it is the client's error. */
  private static void checkQuery(HttpServerRequest request) {
    try {
      request.params();
    } catch (IllegalArgumentException e) {
      throw FileError.validation("malformed percent-encoding in the query string", "query");
    }
  }
}
