package dev.files.store.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every round trip to Redis goes through here: bounded by the configured timeout and translated
 * into {@link dev.files.error.FileError} once. Batches are pipelined; callers keep each batch to
 * the keys of one shard so it also works on Cluster.
 */
final class RedisCalls {
  private final Redis redis;
  private final long timeoutMs;

  RedisCalls(Redis redis, long timeoutMs) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
  }

  /** A pooled client as the configuration asks (the store and the syncer's source share it). */
  static RedisCalls open(Vertx vertx, RedisStoreConfig c) {
    RedisOptions options =
        new RedisOptions()
            .setConnectionString(c.url())
            .setMaxPoolSize(c.poolSize())
            .setMaxPoolWaiting(c.poolWaiting())
            .setMaxWaitingHandlers(Math.max(2048, c.batchSize() * 4))
            .setPreferredProtocolVersion(ProtocolVersion.RESP2)
            .setType(c.cluster() ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
            .setNetClientOptions(
                new NetClientOptions()
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, c.timeoutMs()))
                    .setTcpNoDelay(true));
    return new RedisCalls(Redis.createClient(vertx, options), c.timeoutMs());
  }

  Future<Response> send(Request request, String what) {
    return redis
        .send(request)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(RedisErrors.translate(t, what)));
  }

  /** Same as send, but NOSCRIPT errors stay raw so the script runner can fall back to EVAL. */
  Future<Response> sendRaw(Request request) {
    return redis.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  Future<List<Response>> batch(List<Request> requests, String what) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis
        .batch(requests)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(RedisErrors.translate(t, what)));
  }

  Future<Void> close() {
    return redis.close();
  }
}
