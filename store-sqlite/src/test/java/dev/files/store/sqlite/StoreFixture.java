package dev.files.store.sqlite;

import static dev.files.testing.Await.await;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Opens sqlite stores on fresh files and waits for futures, for tests. */
final class StoreFixture {
  private StoreFixture() {}

  static FileStore open(Vertx vertx, Path dir) {
    return await(
        FileStoreProvider.named("sqlite")
            .open(vertx, new JsonObject().put("path", dir.resolve("files.db").toString())));
  }
}
