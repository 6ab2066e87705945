package dev.files.bench;

import dev.files.blob.BlobStorage;
import dev.files.blob.FinalizeSink;
import dev.files.service.FilesServer;
import dev.files.service.blob.local.LocalBlobOptions;
import dev.files.service.blob.local.LocalBlobRoutes;
import dev.files.service.blob.local.LocalBlobStorage;
import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import dev.files.service.storage.StorageBackend;
import dev.files.service.storage.StorageBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The service as {@code files serve} starts it (configuration from {@code FILES_*}), except that
 * {@code storage.type=local} is opened here when the service build does not offer it yet: {@code
 * LocalBlobStorage} with its {@code /blobs/} routes. The bench falls back to this launcher only
 * when the service jar refuses local storage, and says so in its results.
 */
public final class EmbeddedService {
  private EmbeddedService() {}

  public static void main(String[] args) throws Exception {
    ServiceConfig config = ConfigLoader.load(null, System.getenv());
    FilesServer server =
        FilesServer.builder(config)
            .storage(EmbeddedService::open)
            .start()
            .toCompletionStage()
            .toCompletableFuture()
            .get(2, TimeUnit.MINUTES);
    System.out.println("files is serving at " + server.baseUrl());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server
                        .stop()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("stop did not complete: " + e);
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static Future<StorageBackend> open(Vertx vertx, ServiceConfig config, String publicUrl) {
    if (!"local".equals(config.storageType())) {
      return StorageBackends.open(vertx, config, publicUrl);
    }
    LocalBlobOptions options =
        LocalBlobOptions.fromJson(config.storageConfig("local")).setPublicBaseUrl(publicUrl);
    if (!config.storageConfig("local").containsKey("dataDir")) {
      options.setDataDir(config.dataDir());
    }
    return LocalBlobStorage.create(vertx, options).map(LocalBackend::new);
  }

  private record LocalBackend(LocalBlobStorage local) implements StorageBackend {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public BlobStorage storage() {
      return local;
    }

    @Override
    public void mount(Router router, FinalizeSink sink) {
      new LocalBlobRoutes(local).mount(router);
    }
  }
}
