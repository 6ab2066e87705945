package dev.files.store.redis;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code store.primary=redis}: opens a {@link RedisFileStore} over a pooled Vert.x Redis client.
 * Keys of {@code store.redis}: see {@link RedisStoreConfig} and docs/backends/redis.md.
 */
public final class RedisStoreProvider implements FileStoreProvider {
  @Override
  public String name() {
    return "redis";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return RedisStoreConfig.KEYS;
  }

  @Override
  public Future<FileStore> open(Vertx vertx, JsonObject config) {
    RedisStoreConfig c;
    try {
      c = RedisStoreConfig.from(config);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
    return open(vertx, c).map(s -> s);
  }

  /** Opens the store with a parsed configuration. */
  public static Future<RedisFileStore> open(Vertx vertx, RedisStoreConfig c) {
    RedisCalls calls = RedisCalls.open(vertx, c);
    RedisFileStore store = new RedisFileStore(c, calls);
    return store.checkKeyspace().onFailure(t -> calls.close());
  }
}
