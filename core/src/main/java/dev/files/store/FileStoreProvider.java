package dev.files.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Opens a backend by its configuration name ({@code sqlite}, {@code redis}, {@code couchdb}, {@code
 * memory}). Backends register one with {@link java.util.ServiceLoader} in {@code
 * META-INF/services/dev.files.store.FileStoreProvider}, so the service chooses by configuration and
 * never names a backend class.
 */
public interface FileStoreProvider {

  /** The name used in {@code store.primary} and {@code store.list}. */
  String name();

  /**
   * Opens the store, creating its schema or indexes when missing.
   *
   * @param config the backend's own section of the configuration ({@code store.<name>}); keys
   *     documented by each backend; the service adds {@code data.dir} for embedded backends
   */
  Future<FileStore> open(Vertx vertx, JsonObject config);

  /** The provider registered under {@code name}; fails with a clear message when none is. */
  static FileStoreProvider named(String name) {
    for (FileStoreProvider p : java.util.ServiceLoader.load(FileStoreProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no store backend named '" + name + "' is on the class path");
  }
}
