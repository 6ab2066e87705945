package dev.files.store.couchdb;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code store.primary=couchdb} or {@code store.list=couchdb}. Configuration ({@code
 * store.couchdb}): {@code url} (credentials as user info; default {@value #DEFAULT_URL}) and {@code
 * database} (default {@value #DEFAULT_DATABASE}).
 */
public final class CouchDbStoreProvider implements FileStoreProvider {
  public static final String NAME = "couchdb";
  public static final String DEFAULT_URL = "http://127.0.0.1:5984";
  public static final String DEFAULT_DATABASE = "files";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<FileStore> open(Vertx vertx, JsonObject config) {
    JsonObject c = config == null ? new JsonObject() : config;
    return CouchDbFileStore.open(
            vertx, c.getString("url", DEFAULT_URL), c.getString("database", DEFAULT_DATABASE))
        .map(s -> s);
  }
}
