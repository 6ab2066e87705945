package dev.files.storage.gcs;

import dev.files.blob.BlobStorageProvider;
import dev.files.blob.FinalizeSink;
import dev.files.blob.StorageBackend;
import dev.files.blob.StorageMeter;
import dev.files.blob.StorageRoute;
import dev.files.config.ConfigKey;
import dev.files.storage.gcs.pubsub.NotificationCounters;
import dev.files.storage.gcs.pubsub.NotificationProcessor;
import dev.files.storage.gcs.pubsub.Outcome;
import dev.files.storage.gcs.pubsub.PubSubConfig;
import dev.files.storage.gcs.pubsub.PubSubPullVerticle;
import dev.files.storage.gcs.pubsub.PubSubPushHandler;
import dev.files.storage.gcs.pubsub.PubSubPushRoute;
import dev.files.storage.gcs.pubsub.PushAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code storage.type=gcs}: Google Cloud Storage with the section {@code storage.gcs}; finalize
 * events arrive as Pub/Sub push deliveries at {@code POST /notifications/pubsub} and through a pull
 * subscriber ({@code storage.gcs.pubsub}).
 */
public final class GcsStorageProvider implements BlobStorageProvider {
  @Override
  public String name() {
    return "gcs";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return Stream.concat(
            GcsConfig.KEYS.stream(), PubSubConfig.KEYS.stream().map(k -> k.under("pubsub")))
        .toList();
  }

  @Override
  public Future<StorageBackend> open(Vertx vertx, JsonObject config) {
    JsonObject section = config.copy();
    section.remove(DATA_DIR);
    section.remove(PUBLIC_URL);
    PubSubConfig pubsub;
    GcsConfig gcs;
    try {
      pubsub = PubSubConfig.fromJson(section);
      gcs = GcsConfig.fromJson(section);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return GcsBlobStorage.create(vertx, gcs)
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
    public List<StorageRoute> routes(FinalizeSink sink) {
      if (!pubsub.pushAuthConfigured()) {
        return List.of();
      }
      return List.of(
          PubSubPushRoute.route(
              new PubSubPushHandler(
                  new PushAuthenticator(vertx, pubsub),
                  new NotificationProcessor(sink, counters))));
    }

    @Override
    public List<StorageMeter> meters() {
      List<StorageMeter> meters = new ArrayList<>();
      for (Outcome outcome : Outcome.values()) {
        meters.add(
            new StorageMeter(
                "files.notifications",
                "Pub/Sub notifications by outcome",
                Map.of("outcome", outcome.name().toLowerCase(Locale.ROOT)),
                () -> counters.get(outcome)));
      }
      meters.add(
          new StorageMeter(
              "files.notifications.refused",
              "push deliveries refused for authentication (401/403)",
              Map.of(),
              counters::unauthenticated));
      return meters;
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
}
