package dev.files.service.http;

import dev.files.error.FileError;
import dev.files.service.api.ActionDispatcher;
import dev.files.service.api.ErrorReplies;
import dev.files.service.api.OpenApiDocument;
import dev.files.service.auth.Authenticator;
import dev.files.service.health.HealthChecks;
import dev.files.service.trace.Tracing;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes: {@code POST /files/<action>} for every action, {@code GET /health}, {@code GET
 * /metrics}, {@code GET /openapi.yaml}, plus whatever the storage mounts (local storage's upload
 * and download URLs). One failure handler answers every error with the contract's error body.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String ACTIONS = "/files/";
  private static final String JSON = "application/json";
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  private final ActionDispatcher dispatcher;
  private final Authenticator authenticator;
  private final HealthChecks health;
  private final Handler<RoutingContext> metrics;
  private final OpenApiDocument openApi;
  private final long bodyLimit;
  private final Consumer<Router> extraRoutes;
  private final RequestOrigin origins;

  /**
   * @param extraRoutes mounts routes of other components (e.g. local storage) before the API's
   */
  public HttpApi(
      ActionDispatcher dispatcher,
      Authenticator authenticator,
      HealthChecks health,
      Handler<RoutingContext> metrics,
      OpenApiDocument openApi,
      long bodyLimit,
      Consumer<Router> extraRoutes) {
    this(
        dispatcher,
        authenticator,
        health,
        metrics,
        openApi,
        bodyLimit,
        extraRoutes,
        new RequestOrigin(List.of()));
  }

  /**
   * @param origins where requests come from ({@code http.trustedProxies})
   */
  public HttpApi(
      ActionDispatcher dispatcher,
      Authenticator authenticator,
      HealthChecks health,
      Handler<RoutingContext> metrics,
      OpenApiDocument openApi,
      long bodyLimit,
      Consumer<Router> extraRoutes,
      RequestOrigin origins) {
    this.origins = origins;
    this.dispatcher = dispatcher;
    this.authenticator = authenticator;
    this.health = health;
    this.metrics = metrics;
    this.openApi = openApi;
    this.bodyLimit = bodyLimit;
    this.extraRoutes = extraRoutes;
  }

  /** A new router serving the API. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    extraRoutes.accept(router);
    router.post(ACTIONS + "*").handler(this::action);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(metrics);
    router.get("/openapi.yaml").handler(this::openApi);
    router.route().failureHandler(ctx -> failure(ctx, 500));
    // 400: a path the router cannot decode (a malformed percent-escape). The router hands these
    // handlers a context that may not carry the status, so each one knows its own.
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, ctx -> failure(ctx, status));
    }
    return router;
  }

  private void action(RoutingContext ctx) {
    String name = "files." + ctx.normalizedPath().substring(ACTIONS.length()).replace('/', '.');
    if (!dispatcher.names().contains(name)) {
      ctx.fail(FileError.notFound("no action " + name));
      return;
    }
    HttpServerRequest request = ctx.request();
    // The caller is known before its body is buffered; the body waits meanwhile.
    request.pause();
    authenticator
        .authenticate(request)
        .compose(
            identity ->
                JsonBody.read(request, bodyLimit)
                    .compose(
                        body ->
                            dispatcher.dispatch(
                                name,
                                body,
                                identity,
                                origins.of(request),
                                Tracing.parentFrom(request.headers()))))
        .onSuccess(
            reply -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(reply.toBuffer()))
        .onFailure(ctx::fail);
  }

  private void health(RoutingContext ctx) {
    health
        .check()
        .onSuccess(
            report ->
                ctx.response()
                    .setStatusCode(report.up() ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(report.toJson().toBuffer()))
        .onFailure(ctx::fail);
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(openApi.text());
  }

  /** The one failure handler: the error body of the contract, never a stack trace. */
  static void failure(RoutingContext ctx, int fallbackStatus) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : fallbackStatus;
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      failure = null;
    } else if (!(failure instanceof FileError) && status >= 400 && status < 500) {
      // The web layer refused the request itself (e.g. a malformed percent-escape): the client's
      // fault, answered by its status, not an internal error with a stack trace.
      failure = null;
    }
    if (ctx.response().closed()) {
      // The client went away (or its body stalled and the connection was closed): no one to tell.
      LOG.info(
          "{} {}: the connection closed before the answer: {}",
          ctx.request().method(),
          ctx.request().path(),
          failure == null ? status : failure.toString());
      return;
    }
    FileError error = ErrorReplies.of(failure, status);
    if (error.status() >= 500 && !(failure instanceof FileError)) {
      LOG.error(
          "{} {} failed: {}",
          ctx.request().method(),
          ctx.request().path(),
          error.getMessage(),
          error.getCause() != null ? error.getCause() : error);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    answerAfterBody(ctx.request(), response, error.toJson().toBuffer());
  }

  /**
   * Answers a request whose body may not have been read (too large, unknown action, not
   * authenticated); the answer cannot wait, the router ends it otherwise. The rest of a body of
   * known length up to {@value #DRAIN_LIMIT} bytes is read and dropped by the server, so the
   * connection stays usable and a client still sending sees the answer; a longer or chunked one is
   * not worth reading: the connection is closed (a client still sending may then see a reset).
   */
  private static void answerAfterBody(
      HttpServerRequest request, HttpServerResponse response, Buffer answer) {
    long declared = declaredLength(request);
    if (request.isEnded() || (declared >= 0 && declared <= DRAIN_LIMIT)) {
      request.resume();
      response.end(answer);
      return;
    }
    response.putHeader(HttpHeaders.CONNECTION, "close");
    response.end(answer).onComplete(done -> request.connection().close());
  }

  /** The Content-Length; -1 when unknown (chunked, malformed). */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      return -1;
    }
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
