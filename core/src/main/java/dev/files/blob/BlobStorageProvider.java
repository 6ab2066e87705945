package dev.files.blob;

import dev.files.config.ConfigKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens a storage by its configuration name ({@code local}, {@code gcs}, {@code memory}). Storage
 * modules register one with {@link ServiceLoader} in {@code
 * META-INF/services/dev.files.blob.BlobStorageProvider}, so the service opens the one {@code
 * storage.type} names and never names a storage class; stores do the same through {@link
 * dev.files.store.FileStoreProvider}.
 */
public interface BlobStorageProvider {
  /** The key the service adds to every storage section: its data directory (absolute). */
  String DATA_DIR = "data.dir";

  /** The key the service adds to every storage section: the base URL clients reach it at. */
  String PUBLIC_URL = "http.publicUrl";

  /** The name used in {@code storage.type}. */
  String name();

  /**
   * Opens the storage.
   *
   * @param config the storage's own section ({@code storage.<name>}) plus {@link #DATA_DIR} and
   *     {@link #PUBLIC_URL}, which the service adds
   */
  Future<StorageBackend> open(Vertx vertx, JsonObject config);

  /**
   * The keys {@link #open} reads from its section, named relative to it ({@code bucket}, not {@code
   * storage.gcs.bucket}), with their types and defaults; the two keys the service adds are not
   * among them.
   */
  default List<ConfigKey> configKeys() {
    return List.of();
  }

  /** The provider registered under {@code name}; fails with a clear message when none is. */
  static BlobStorageProvider named(String name) {
    List<String> names = new java.util.ArrayList<>();
    for (BlobStorageProvider p : ServiceLoader.load(BlobStorageProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
      names.add(p.name());
    }
    throw new IllegalArgumentException(
        "storage.type must be one of " + names + ", not '" + name + "'");
  }
}
