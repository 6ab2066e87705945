package dev.files.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
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
