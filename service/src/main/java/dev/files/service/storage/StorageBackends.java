package dev.files.service.storage;

import dev.files.blob.FinalizeSink;
import dev.files.blob.memory.MemoryBlobStorage;
import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import dev.files.storage.gcs.GcsBlobStorage;
import dev.files.storage.gcs.GcsConfig;
import dev.files.storage.gcs.pubsub.NotificationCounters;
import dev.files.storage.gcs.pubsub.NotificationProcessor;
import dev.files.storage.gcs.pubsub.Outcome;
import dev.files.storage.gcs.pubsub.PubSubConfig;
import dev.files.storage.gcs.pubsub.PubSubPullVerticle;
import dev.files.storage.gcs.pubsub.PubSubPushHandler;
import dev.files.storage.gcs.pubsub.PubSubPushRoute;
import dev.files.storage.gcs.pubsub.PushAuthenticator;
import dev.files.storage.local.LocalBlobOptions;
import dev.files.storage.local.LocalBlobRoutes;
import dev.files.storage.local.LocalBlobStorage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the storage named by {@code storage.type} with its section {@code storage.<type>}: {@code
 * local} (disk under {@code data.dir}, served by this service under {@code /blobs/}), {@code gcs},
 * or {@code memory} (tests and demos; nothing survives the process).
 */
public final class StorageBackends {
  private StorageBackends() {}

  /**
   * @param publicUrl the base URL clients reach this service at (local storage's signed URLs)
   */
  public static Future<StorageBackend> open(Vertx vertx, ServiceConfig config, String publicUrl) {
    String type = config.storageType();
    return switch (type) {
      case "local" -> local(vertx, config, publicUrl);
      case "gcs" -> gcs(vertx, config);
      case "memory" -> Future.succeededFuture(StorageBackend.of("memory", new MemoryBlobStorage()));
      default ->
          Future.failedFuture(
              new IllegalArgumentException(
                  "storage.type must be local, gcs or memory, not '" + type + "'"));
    };
  }

  private static Future<StorageBackend> local(Vertx vertx, ServiceConfig config, String publicUrl) {
    JsonObject section = config.storageConfig("local");
    section.put("dataDir", section.getString("data.dir")).remove("data.dir");
    LocalBlobOptions options = LocalBlobOptions.fromJson(section);
    if (!section.containsKey("root")) {
      options.setRoot(Path.of(section.getString("dataDir"), "blobs"));
    }
    options.setPublicBaseUrl(publicUrl);
    return LocalBlobStorage.create(vertx, options).map(LocalBackend::new);
  }

  private static Future<StorageBackend> gcs(Vertx vertx, ServiceConfig config) {
    JsonObject section = config.section("storage");
    JsonObject own = section.getJsonObject("gcs", new JsonObject());
    section.remove("gcs");
    section.remove("local");
    section.remove("type");
    ConfigLoader.deepMerge(section, own);
    PubSubConfig pubsub = PubSubConfig.fromJson(section);
    return GcsBlobStorage.create(vertx, GcsConfig.fromJson(section))
        .map(storage -> new GcsBackend(vertx, storage, pubsub, new NotificationCounters()));
  }

  /** GCS: push deliveries at {@code POST /notifications/pubsub}, pull through a subscriber. */
  private record GcsBackend(
      Vertx vertx, GcsBlobStorage storage, PubSubConfig pubsub, NotificationCounters counters)
      implements StorageBackend {
    @Override
    public String name() {
      return "gcs";
    }

    @Override
    public void mount(Router router, FinalizeSink sink) {
      if (pubsub.pushAuthConfigured()) {
        PubSubPushRoute.mount(
            router,
            PubSubPushRoute.PATH,
            new PubSubPushHandler(
                new PushAuthenticator(vertx, pubsub), new NotificationProcessor(sink, counters)));
      }
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
      for (Outcome outcome : Outcome.values()) {
        FunctionCounter.builder("files.notifications", counters, c -> c.get(outcome))
            .description("Pub/Sub notifications by outcome")
            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
      FunctionCounter.builder("files.notifications.refused", counters, c -> c.unauthenticated())
          .description("push deliveries refused for authentication (401/403)")
          .register(registry);
    }

    @Override
    public Future<Void> startNotifications(Vertx vertx, FinalizeSink sink) {
      if (pubsub.subscription() == null) {
        return Future.succeededFuture();
      }
      return vertx
          .deployVerticle(new PubSubPullVerticle(pubsub, new NotificationProcessor(sink, counters)))
          .mapEmpty();
    }

    @Override
    public Future<Void> close() {
      return storage.close();
    }
  }

  private record LocalBackend(LocalBlobStorage storage) implements StorageBackend {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public void mount(Router router, FinalizeSink sink) {
      new LocalBlobRoutes(storage).mount(router);
    }
  }
}
