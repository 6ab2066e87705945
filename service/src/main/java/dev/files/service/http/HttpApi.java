package dev.files.service.http;

import dev.files.error.FileError;
import dev.files.service.api.ActionDispatcher;
import dev.files.service.api.ErrorReplies;
import dev.files.service.api.OpenApiDocument;
import dev.files.service.auth.Authenticator;
import dev.files.service.health.HealthChecks;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
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

  private final ActionDispatcher dispatcher;
  private final Authenticator authenticator;
  private final HealthChecks health;
  private final Handler<RoutingContext> metrics;
  private final OpenApiDocument openApi;
  private final long bodyLimit;
  private final Consumer<Router> extraRoutes;

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
    router
        .post(ACTIONS + "*")
        .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
        .handler(this::action);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(metrics);
    router.get("/openapi.yaml").handler(this::openApi);
    router.route().failureHandler(HttpApi::failure);
    router.errorHandler(404, HttpApi::failure);
    router.errorHandler(405, HttpApi::failure);
    return router;
  }

  private void action(RoutingContext ctx) {
    String name = "files." + ctx.normalizedPath().substring(ACTIONS.length()).replace('/', '.');
    if (!dispatcher.names().contains(name)) {
      ctx.fail(FileError.notFound("no action " + name));
      return;
    }
    Object body;
    try {
      body = parse(ctx.body().buffer());
    } catch (FileError e) {
      ctx.fail(e);
      return;
    }
    authenticator
        .authenticate(ctx.request())
        .compose(identity -> dispatcher.dispatch(name, body, identity))
        .onSuccess(
            reply -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(reply.toBuffer()))
        .onFailure(ctx::fail);
  }

  private static Object parse(Buffer buffer) {
    if (buffer == null || buffer.length() == 0) {
      throw FileError.validation("the request body must be a JSON object");
    }
    try {
      return Json.decodeValue(buffer);
    } catch (DecodeException e) {
      throw FileError.validation("the request body is not valid JSON");
    }
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
  static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      failure = null;
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
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body = error.toJson();
    ctx.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(body.toBuffer());
  }
}
