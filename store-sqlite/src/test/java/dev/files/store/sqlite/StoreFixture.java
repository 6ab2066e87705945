package dev.files.store.sqlite;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens sqlite stores on fresh files and waits for futures, for tests. */
final class StoreFixture {
  private StoreFixture() {}

  static FileStore open(Vertx vertx, Path dir) {
    return await(
        FileStoreProvider.named("sqlite")
            .open(vertx, new JsonObject().put("path", dir.resolve("files.db").toString())));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
