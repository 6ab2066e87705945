package dev.files.blob.memory;

import dev.files.blob.BlobStorageProvider;
import dev.files.blob.StorageBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** {@code storage.type=memory}: tests and demos; nothing survives the process. */
public final class MemoryStorageProvider implements BlobStorageProvider {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<StorageBackend> open(Vertx vertx, JsonObject config) {
    return Future.succeededFuture(StorageBackend.of(name(), new MemoryBlobStorage()));
  }
}
