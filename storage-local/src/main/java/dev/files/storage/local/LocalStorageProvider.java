package dev.files.storage.local;

import dev.files.blob.BlobStorageProvider;
import dev.files.blob.FinalizeSink;
import dev.files.blob.StorageBackend;
import dev.files.blob.StorageRoute;
import dev.files.config.ConfigKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code storage.type=local}: objects on disk under {@code <data.dir>/blobs} (section {@code
 * storage.local}), served by the service itself under {@code /blobs/}.
 */
public final class LocalStorageProvider implements BlobStorageProvider {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return LocalBlobOptions.KEYS;
  }

  @Override
  public Future<StorageBackend> open(Vertx vertx, JsonObject config) {
    JsonObject section = config.copy();
    Object dataDir = section.remove(DATA_DIR);
    if (dataDir != null) {
      section.put("dataDir", dataDir);
    }
    String publicUrl = (String) section.remove(PUBLIC_URL);
    LocalBlobOptions options;
    try {
      options = LocalBlobOptions.fromJson(section);
      if (publicUrl != null) {
        options.setPublicBaseUrl(publicUrl);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return LocalBlobStorage.create(vertx, options).map(LocalBackend::new);
  }

  private record LocalBackend(LocalBlobStorage storage) implements StorageBackend {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public List<StorageRoute> routes(FinalizeSink sink) {
      return List.of(new LocalBlobRoutes(storage).route());
    }

    @Override
    public Future<Void> close() {
      return storage.close();
    }
  }
}
