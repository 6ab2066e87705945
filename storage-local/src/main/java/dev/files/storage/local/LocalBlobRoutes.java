package dev.files.storage.local;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.storage.local.LocalBlobStorage.Signed;
import dev.files.storage.local.LocalBlobStorage.SignedPut;
import dev.files.storage.local.ResumableUploads.Complete;
import dev.files.storage.local.ResumableUploads.Incomplete;
import dev.files.storage.local.ResumableUploads.Outcome;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP face of {@link LocalBlobStorage} under {@code /blobs/}, speaking the client protocol of
 * GCS:
 *
 * <ul>
 *   <li>{@code PUT /blobs/<bucket>/<object>?expires=&[public=1&]sig=}: signed single upload; the
 *       request must carry the signed Content-Type, Content-MD5 and Content-Length.
 *   <li>{@code PUT|DELETE /blobs/upload/<session>?sig=}: resumable session (whole body, chunks with
 *       Content-Range and 308, status queries, cancel).
 *   <li>{@code GET|HEAD /blobs/<bucket>/<object>[?expires=&response-content-disposition=&sig=]}:
 *       downloads, signed for private objects, unsigned for public ones, with a single Range.
 *   <li>{@code OPTIONS}: CORS preflight for the configured origins and a session's own origin.
 * </ul>
 *
 * Mount with {@link #mount(Router)} before any {@code BodyHandler} or asynchronous handler that
 * would see {@code /blobs/} requests: upload bodies are streamed to disk and must not be buffered.
 */
public final class LocalBlobRoutes {
  /** The path prefix every route lives under. */
  public static final String PREFIX = "/blobs/";

  private static final Logger LOG = LoggerFactory.getLogger(LocalBlobRoutes.class);
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
  private static final String EXPOSED =
      "Location, Range, Content-Range, Content-Length, Content-Type, ETag, x-goog-generation,"
          + " x-goog-hash";
  private static final String OBJECT_METHODS = "GET, HEAD, PUT, OPTIONS";
  private static final String SESSION_METHODS = "PUT, DELETE, OPTIONS";
  private static final String ALLOWED_HEADERS =
      "Content-Type, Content-MD5, Content-Range, Content-Length, Range, x-goog-resumable";

  private final LocalBlobStorage storage;
  private final UrlSigner signer;
  private final List<String> corsOrigins;

  public LocalBlobRoutes(LocalBlobStorage storage) {
    this.storage = storage;
    this.signer = storage.signer();
    this.corsOrigins = storage.options().corsOrigins();
  }

  /** Adds one route for {@code /blobs/*} that answers every request under it. */
  public void mount(Router router) {
    router.route(PREFIX + "*").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() == HttpMethod.PUT) {
      // Nothing may be read before the body has somewhere to go.
      request.pause();
    }
    try {
      checkQuery(request);
      BlobPath path = BlobPath.parse(request.path());
      HttpMethod method = request.method();
      if (method == HttpMethod.OPTIONS) {
        preflight(ctx, path);
      } else if (path.isSession() && method == HttpMethod.PUT) {
        sessionPut(ctx, path.sessionId());
      } else if (path.isSession() && method == HttpMethod.DELETE) {
        sessionCancel(ctx, path.sessionId());
      } else if (!path.isSession() && method == HttpMethod.PUT) {
        allowOrigin(ctx, null);
        signedPut(ctx, path);
      } else if (!path.isSession() && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
        allowOrigin(ctx, null);
        download(ctx, path);
      } else {
        // The contract has no code for 405: a method a path does not serve is not-found (404),
        // the Allow header names the ones it does.
        ctx.response()
            .putHeader(HttpHeaders.ALLOW, path.isSession() ? SESSION_METHODS : OBJECT_METHODS);
        fail(ctx, FileError.notFound(method.name() + " is not served on this path"));
      }
    } catch (FileError e) {
      fail(ctx, e);
    }
  }

  // ---- uploads ----

  private void signedPut(RoutingContext ctx, BlobPath path) {
    HttpServerRequest request = ctx.request();
    String contentType = headerOrEmpty(request, HttpHeaders.CONTENT_TYPE.toString());
    String md5 = headerOrEmpty(request, "Content-MD5");
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      throw FileError.validation("Content-Length is required", "MissingContentLength");
    }
    String expires = request.getParam("expires");
    boolean publicRead = "1".equals(request.getParam("public"));
    boolean valid =
        signer.verify(
            request.getParam("sig"),
            Signed.PUT,
            path.bucket(),
            path.object(),
            expires,
            contentType,
            md5,
            length,
            publicRead ? "1" : "0");
    if (!valid) {
      throw signatureMismatch();
    }
    checkNotExpired(expires);
    SignedPut put =
        new SignedPut(
            path.bucket(), path.object(), contentType, md5, Long.parseLong(length), publicRead);
    storage
        .receiveSinglePut(request, put)
        .onSuccess(meta -> sendResource(ctx, meta, 200))
        .onFailure(err -> fail(ctx, err));
  }

  private void sessionPut(RoutingContext ctx, String id) {
    HttpServerRequest request = ctx.request();
    verifySession(ctx, id);
    ContentRange range = ContentRange.parse(request.getHeader("Content-Range"));
    Long bodyLength = contentLength(request);
    session(ctx, id)
        .compose(session -> storage.sessions().put(request, id, range, bodyLength))
        .onSuccess(outcome -> sendOutcome(ctx, outcome))
        .onFailure(err -> fail(ctx, err));
  }

  private void sessionCancel(RoutingContext ctx, String id) {
    verifySession(ctx, id);
    session(ctx, id)
        .compose(session -> storage.sessions().cancel(id))
        // GCS answers a cancelled session with 499.
        .onSuccess(v -> ctx.response().setStatusCode(499).end())
        .onFailure(err -> fail(ctx, err));
  }

  /** Refuses a session request whose URL signature does not name this session. */
  private void verifySession(RoutingContext ctx, String id) {
    if (!signer.verify(ctx.request().getParam("sig"), Signed.SESSION, id)) {
      throw signatureMismatch();
    }
  }

  /** The session, once the response allows the origin it was started from. */
  private Future<UploadSession> session(RoutingContext ctx, String id) {
    return storage
        .sessions()
        .find(id)
        .map(
            session -> {
              allowOrigin(ctx, session.origin());
              return session;
            });
  }

  private void sendOutcome(RoutingContext ctx, Outcome outcome) {
    if (outcome instanceof Complete complete) {
      sendResource(ctx, complete.meta(), 200);
      return;
    }
    long committed = ((Incomplete) outcome).committed();
    HttpServerResponse response = ctx.response().setStatusCode(308);
    response.setStatusMessage("Resume Incomplete");
    if (committed > 0) {
      response.putHeader("Range", "bytes=0-" + (committed - 1));
    }
    afterBody(ctx, () -> response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").end());
  }

  private void sendResource(RoutingContext ctx, ObjectMeta meta, int status) {
    HttpServerResponse response =
        ctx.response()
            .setStatusCode(status)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
            .putHeader(HttpHeaders.ETAG, meta.etag())
            .putHeader("x-goog-generation", Long.toString(meta.generation()))
            .putHeader("x-goog-hash", hashHeader(meta));
    afterBody(ctx, () -> response.end(meta.toResource().encode()));
  }

  // ---- downloads ----

  private void download(RoutingContext ctx, BlobPath path) {
    HttpServerRequest request = ctx.request();
    String sig = request.getParam("sig");
    String expires = request.getParam("expires");
    String disposition = request.getParam("response-content-disposition");
    if (disposition != null && hasControlCharacter(disposition)) {
      // It becomes a response header: CR or LF would split it (and Netty refuses to send it).
      throw FileError.validation(
          "response-content-disposition has a control character", "response-content-disposition");
    }
    boolean signed = sig != null;
    if (signed) {
      boolean valid =
          signer.verify(
              sig,
              Signed.GET,
              path.bucket(),
              path.object(),
              expires,
              disposition == null ? "" : disposition);
      if (!valid) {
        throw signatureMismatch();
      }
      checkNotExpired(expires);
    }
    storage
        .meta(path.bucket(), path.object())
        .onSuccess(
            meta -> {
              if (!signed && !meta.publicRead()) {
                fail(
                    ctx,
                    new FileError(
                        ErrorCode.FORBIDDEN,
                        "the object is not public",
                        List.of("AccessDenied"),
                        null));
                return;
              }
              serve(ctx, meta, disposition, signed && !meta.publicRead());
            })
        .onFailure(err -> fail(ctx, err));
  }

  private void serve(RoutingContext ctx, ObjectMeta meta, String disposition, boolean isPrivate) {
    HttpServerResponse response = ctx.response();
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, meta.contentType())
        .putHeader(HttpHeaders.ETAG, meta.etag())
        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
        .putHeader("x-goog-generation", Long.toString(meta.generation()))
        .putHeader("x-goog-hash", hashHeader(meta))
        .putHeader(
            HttpHeaders.CACHE_CONTROL, isPrivate ? "private, max-age=0" : "public, max-age=3600");
    if (disposition != null) {
      response.putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
    }
    ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), meta.size());
    if (range == ByteRange.UNSATISFIABLE) {
      response
          .setStatusCode(416)
          .putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + meta.size())
          .putHeader(HttpHeaders.CONTENT_LENGTH, "0")
          .end();
      return;
    }
    long offset = range == null ? 0 : range.start();
    long length = range == null ? meta.size() : range.length();
    if (range != null) {
      response
          .setStatusCode(206)
          .putHeader(
              HttpHeaders.CONTENT_RANGE,
              "bytes " + range.start() + "-" + range.end() + "/" + meta.size());
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    if (ctx.request().method() == HttpMethod.HEAD || length == 0) {
      response.end();
      return;
    }
    // sendFile(String) would open the file on the event loop: open it on a worker instead.
    Path file = storage.dataPath(meta.bucket(), meta.object());
    storage
        .blocking(() -> FileChannel.open(file, StandardOpenOption.READ))
        .onFailure(
            err -> {
              response.headers().remove(HttpHeaders.CONTENT_LENGTH);
              fail(ctx, FileError.notFound("no object " + meta.bucket() + "/" + meta.object()));
            })
        .onSuccess(
            channel ->
                response
                    .sendFile(channel, offset, length)
                    .onComplete(
                        sent -> {
                          storage.blocking(
                              () -> {
                                channel.close();
                                return null;
                              });
                          if (sent.failed()) {
                            LOG.warn(
                                "download of "
                                    + meta.bucket()
                                    + "/"
                                    + meta.object()
                                    + " broke off: "
                                    + sent.cause().getMessage());
                          }
                        }));
  }

  // ---- CORS ----

  private void preflight(RoutingContext ctx, BlobPath path) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    Future<String> sessionOrigin =
        path.isSession()
            ? storage
                .sessions()
                .find(path.sessionId())
                .map(UploadSession::origin)
                .otherwise((String) null)
            : Future.succeededFuture(null);
    sessionOrigin.onComplete(
        done -> {
          HttpServerResponse response = ctx.response();
          if (origin == null || !allowed(origin, done.result())) {
            fail(ctx, FileError.forbidden("this origin may not call storage from a browser"));
            return;
          }
          allowOrigin(ctx, done.result());
          String requested = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
          response
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

  /** Adds the CORS answer headers when the request's origin may see the response. */
  private void allowOrigin(RoutingContext ctx, String sessionOrigin) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || !allowed(origin, sessionOrigin)) {
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN)
        .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
  }

  private boolean allowed(String origin, String sessionOrigin) {
    return origin.equals(sessionOrigin)
        || corsOrigins.contains("*")
        || corsOrigins.contains(origin);
  }

  // ---- helpers ----

  /** Decodes the query string once, so that a malformed escape in it is the client's error. */
  private static void checkQuery(HttpServerRequest request) {
    try {
      request.params();
    } catch (IllegalArgumentException e) {
      throw FileError.validation("malformed percent-encoding in the query string", "query");
    }
  }

  private static void checkNotExpired(String expires) {
    long at;
    try {
      at = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw signatureMismatch();
    }
    if (System.currentTimeMillis() / 1000 > at) {
      // GCS answers an expired signed URL with 400 ExpiredToken.
      throw FileError.validation("the signed URL has expired", "ExpiredToken");
    }
  }

  private static FileError signatureMismatch() {
    return new FileError(
        ErrorCode.FORBIDDEN,
        "the signature does not match the request",
        List.of("SignatureDoesNotMatch"),
        null);
  }

  private static boolean hasControlCharacter(String value) {
    return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static String hashHeader(ObjectMeta meta) {
    return "crc32c=" + meta.crc32c() + ",md5=" + meta.md5Base64();
  }

  private static String headerOrEmpty(HttpServerRequest request, String name) {
    String value = request.getHeader(name);
    return value == null ? "" : value.trim();
  }

  private static Long contentLength(HttpServerRequest request) {
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

  private void fail(RoutingContext ctx, Throwable err) {
    FileError error = FileError.of(err);
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      LOG.info(
          ctx.request().method()
              + " "
              + ctx.request().path()
              + ": the connection closed before the answer: "
              + err);
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (error.code() == ErrorCode.INTERNAL) {
      LOG.error(ctx.request().method() + " " + ctx.request().path() + " failed", err);
    }
    response
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8");
    afterBody(ctx, () -> response.end(error.toJson().encode()));
  }

  /**
   * Answers once the request body is gone, so that client and connection never see an answer to a
   * request still being sent: a body nobody read (a rejected or redirected PUT) is drained first
   * when small; a large or unknown one is not read: the answer says {@code Connection: close} and
   * the connection is closed after it.
   */
  private void afterBody(RoutingContext ctx, Supplier<Future<Void>> respond) {
    HttpServerRequest request = ctx.request();
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
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      respond.get().onComplete(done -> request.connection().close());
      return;
    }
    request.exceptionHandler(err -> LOG.debug("request body broke off: " + err.getMessage()));
    request.handler(buffer -> {});
    request.endHandler(v -> respond.get());
    request.resume();
  }
}
