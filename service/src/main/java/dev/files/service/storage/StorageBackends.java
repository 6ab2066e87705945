package dev.files.service.storage;

import dev.files.blob.memory.MemoryBlobStorage;
import dev.files.service.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Opens the storage named by {@code storage.type} with its section {@code storage.<type>}: {@code
 * memory} (tests and demos; nothing survives the process).
 */
public final class StorageBackends {
  private StorageBackends() {}

  /**
   * @param publicUrl the base URL clients reach this service at (local storage's signed URLs)
   */
  public static Future<StorageBackend> open(Vertx vertx, ServiceConfig config, String publicUrl) {
    String type = config.storageType();
    return switch (type) {
      case "memory" -> Future.succeededFuture(StorageBackend.of("memory", new MemoryBlobStorage()));
      default ->
          Future.failedFuture(
              new IllegalArgumentException("storage.type '" + type + "' is not available"));
    };
  }
}
