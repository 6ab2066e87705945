package dev.files.storage.gcs.pubsub;

import dev.files.blob.StorageRoute;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** {@link PubSubPushHandler} as a Vert.x Web route handler (needs a BodyHandler before it). */
public final class PubSubPushRoute implements Handler<RoutingContext> {
  /** Where the service mounts it. */
  public static final String PATH = "/notifications/pubsub";

  /** Pub/Sub messages are at most 10 MB; GCS notifications are a few KB. */
  private static final long BODY_LIMIT = 1024 * 1024;

  private final PubSubPushHandler handler;

  public PubSubPushRoute(PubSubPushHandler handler) {
    this.handler = handler;
  }

  /**
   * {@code POST} {@link #PATH} as a storage route, which the service mounts with its body limit.
   */
  public static StorageRoute route(PubSubPushHandler handler) {
    return new StorageRoute.Buffered(
        HttpMethod.POST,
        PATH,
        BODY_LIMIT,
        (request, body) ->
            handler.handle(request.getParam("token"), request.getHeader("Authorization"), body));
  }

  /** Mounts {@code POST path} with its body handler on {@code router}. */
  public static void mount(Router router, String path, PubSubPushHandler handler) {
    router
        .post(path)
        .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
        .handler(new PubSubPushRoute(handler));
  }

  @Override
  public void handle(RoutingContext ctx) {
    handler
        .handle(
            ctx.request().getParam("token"),
            ctx.request().getHeader("Authorization"),
            ctx.body().buffer())
        .onComplete(
            ar -> {
              if (!ctx.response().ended()) {
                ctx.response().setStatusCode(ar.succeeded() ? ar.result() : 503).end();
              }
            });
  }
}
