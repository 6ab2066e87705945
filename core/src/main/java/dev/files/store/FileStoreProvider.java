package dev.files.store;

import dev.files.config.ConfigKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

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

  /**
   * The keys {@link #open} reads from its section, named relative to it ({@code url}, not {@code
   * store.redis.url}), with their types and defaults. The service accepts exactly these under
   * {@code store.<name>} and refuses any other; {@code data.dir}, which the service adds itself, is
   * not one of them.
   */
  default List<ConfigKey> configKeys() {
    return List.of();
  }

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
