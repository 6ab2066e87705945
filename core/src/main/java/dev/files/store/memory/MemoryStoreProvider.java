package dev.files.store.memory;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** {@code store.primary=memory}: nothing survives the process; for tests and demos. */
public final class MemoryStoreProvider implements FileStoreProvider {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<FileStore> open(Vertx vertx, JsonObject config) {
    return Future.succeededFuture(new MemoryFileStore());
  }
}
