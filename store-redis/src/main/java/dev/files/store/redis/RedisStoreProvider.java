package dev.files.store.redis;

import dev.files.error.FileError;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

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
    int connectTimeout = (int) Math.min(Integer.MAX_VALUE, c.timeoutMs());
    RedisOptions options =
        new RedisOptions()
            .setConnectionString(c.url())
            .setMaxPoolSize(c.poolSize())
            .setMaxPoolWaiting(c.poolWaiting())
            .setMaxWaitingHandlers(Math.max(2048, c.batchSize() * 4))
            .setPreferredProtocolVersion(ProtocolVersion.RESP2)
            .setType(c.cluster() ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
            .setNetClientOptions(
                new NetClientOptions().setConnectTimeout(connectTimeout).setTcpNoDelay(true));
    Redis redis = Redis.createClient(vertx, options);
    RedisFileStore store = new RedisFileStore(c, new RedisCalls(redis, c.timeoutMs()));
    return store.checkKeyspace().onFailure(t -> redis.close());
  }
}
