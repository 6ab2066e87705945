package dev.files.store.couchdb;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code store.primary=couchdb} or {@code store.list=couchdb}; configuration: the {@code
 * store.couchdb} section, read by {@link CouchDbStoreConfig}.
 */
public final class CouchDbStoreProvider implements FileStoreProvider {
  public static final String NAME = "couchdb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return CouchDbStoreConfig.KEYS;
  }

  @Override
  public Future<FileStore> open(Vertx vertx, JsonObject config) {
    try {
      return CouchDbFileStore.open(vertx, CouchDbStoreConfig.from(config)).map(s -> s);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
  }
}
