package dev.files.service.storage;

import dev.files.blob.BlobStorageProvider;
import dev.files.blob.StorageBackend;
import dev.files.blob.StorageMeter;
import dev.files.blob.StorageRoute;
import dev.files.service.config.ServiceConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * Opens the storage {@code storage.type} names through its {@link BlobStorageProvider}, and puts
 * its routes on the router and its counters into the meter registry.
 */
public final class Storages {
  private Storages() {}

  /**
   * Opens {@code storage.<type>} with the section plus the data directory and {@code publicUrl},
   * the base URL clients reach this service at (local storage's signed URLs).
   */
  public static Future<StorageBackend> open(Vertx vertx, ServiceConfig config, String publicUrl) {
    String type = config.storageType();
    BlobStorageProvider provider;
    try {
      provider = BlobStorageProvider.named(type);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return provider.open(
        vertx, config.storageConfig(type).put(BlobStorageProvider.PUBLIC_URL, publicUrl));
  }

  /** Mounts the storage's routes; call before any handler that reads bodies. */
  public static void mount(Router router, List<StorageRoute> routes) {
    for (StorageRoute route : routes) {
      if (route instanceof StorageRoute.Streaming streaming) {
        router
            .route(streaming.prefix() + "*")
            .handler(ctx -> streaming.handler().handle(ctx.request()));
      } else if (route instanceof StorageRoute.Buffered buffered) {
        router
            .route(buffered.method(), buffered.path())
            .handler(BodyHandler.create().setBodyLimit(buffered.bodyLimit()))
            .handler(ctx -> answerStatus(ctx, buffered.handler()));
      }
    }
  }

  private static void answerStatus(RoutingContext ctx, StorageRoute.BodyHandler handler) {
    handler
        .handle(ctx.request(), ctx.body().buffer())
        .onComplete(
            ar -> {
              if (!ctx.response().ended()) {
                ctx.response().setStatusCode(ar.succeeded() ? ar.result() : 503).end();
              }
            });
  }

  /**
   * Registers the storage's counters as function counters; the caller keeps {@code meters}
   * referenced (Micrometer holds them weakly).
   */
  public static void bind(MeterRegistry registry, List<StorageMeter> meters) {
    for (StorageMeter meter : meters) {
      FunctionCounter.Builder<StorageMeter> builder =
          FunctionCounter.builder(meter.name(), meter, m -> m.count().getAsLong())
              .description(meter.description());
      meter.tags().forEach(builder::tag);
      builder.register(registry);
    }
  }
}
