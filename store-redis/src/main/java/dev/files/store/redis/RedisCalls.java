package dev.files.store.redis;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every round trip to Redis goes through here: bounded by the configured timeout and translated
 * into {@link dev.files.error.FileError} once. Batches are pipelined; callers keep each batch to
 * the keys of one shard so it also works on Cluster.
 *
 * <p>An operation of several round trips (a create: claim the id, run the script) takes a view from
 * {@link #withinOneTimeout()}: its calls share one deadline, so the operation answers within one
 * timeout wherever Redis stops answering, instead of one timeout per remaining step.
 */
final class RedisCalls {
  /** No deadline: every call is bounded by the timeout alone. */
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  private final Redis redis;
  private final long timeoutMs;
  private final long deadlineNanos;
  private final String where;
  private final Durability durability;

  /**
   * How many replicas must have a write before the store acknowledges it ({@code WAIT}).
   *
   * @param replicas 0: none, replication stays asynchronous
   * @param timeoutMs how long WAIT may block
   */
  record Durability(int replicas, long timeoutMs) {
    static final Durability NONE = new Durability(0, 1);
  }

  RedisCalls(Redis redis, long timeoutMs) {
    this(redis, timeoutMs, NO_DEADLINE, "redis", Durability.NONE);
  }

  private RedisCalls(
      Redis redis, long timeoutMs, long deadlineNanos, String where, Durability durability) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
    this.deadlineNanos = deadlineNanos;
    this.where = where;
    this.durability = durability;
  }

  /** The same client, with every call ending one timeout from now at the latest. */
  RedisCalls withinOneTimeout() {
    return new RedisCalls(
        redis,
        timeoutMs,
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs),
        where,
        durability);
  }

  /** A pooled client as the configuration asks (the store and the syncer's source share it). */
  static RedisCalls open(Vertx vertx, RedisStoreConfig c) {
    RedisOptions options =
        new RedisOptions()
            .setEndpoints(c.endpoints())
            .setMaxPoolSize(c.poolSize())
            .setMaxPoolWaiting(c.poolWaiting())
            .setMaxWaitingHandlers(Math.max(2048, c.batchSize() * 4))
            .setPreferredProtocolVersion(ProtocolVersion.RESP2)
            .setType(c.cluster() ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
            .setNetClientOptions(
                new NetClientOptions()
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, c.timeoutMs()))
                    .setTcpNoDelay(true));
    return new RedisCalls(
        Redis.createClient(vertx, options),
        c.timeoutMs(),
        NO_DEADLINE,
        hostsOf(c.endpoints()),
        new Durability(c.waitReplicas(), c.waitTimeoutMs()));
  }

  /**
   * The servers' {@code host:port}, without credentials: a failure names where it happened even
   * when the driver's own message does not (a pooled connection found closed says only that).
   */
  static String hostsOf(List<String> endpoints) {
    List<String> hosts = new ArrayList<>();
    for (String endpoint : endpoints) {
      try {
        URI uri = URI.create(endpoint);
        hosts.add(uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()));
      } catch (IllegalArgumentException e) {
        hosts.add("?");
      }
    }
    return String.join(",", hosts);
  }

  /** The driver's failure of {@code what} as a {@link FileError}, naming where. */
  FileError translate(Throwable t, String what) {
    return RedisErrors.translate(t, what + " at " + where);
  }

  Future<Response> send(Request request, String what) {
    return sendRaw(request, what).recover(t -> Future.failedFuture(translate(t, what)));
  }

  /** Same as send, but NOSCRIPT errors stay raw so the script runner can fall back to EVAL. */
  Future<Response> sendRaw(Request request, String what) {
    long budget = budgetMs();
    if (budget <= 0) {
      return Future.failedFuture(outOfTime(what));
    }
    return redis.send(request).timeout(budget, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a write that the store acknowledges to its caller; with {@link Durability} on, {@code
   * WAIT replicas timeout} follows it (see {@link #sendReplicatedRaw}).
   */
  Future<Response> sendReplicated(Request write, String what) {
    return sendReplicatedRaw(write, what).recover(t -> Future.failedFuture(translate(t, what)));
  }

  /**
   * Same as {@link #sendReplicated}, but the write's own error replies (NOSCRIPT) stay raw. The
   * write and WAIT go as one pipelined batch: a batch runs on one connection, and on Cluster on the
   * master of the write's slot, which is what WAIT counts for. Sent alone, WAIT names no key and
   * the Cluster client would send it to any node. Fewer acknowledgements than asked fail {@code
   * unavailable}; the write itself has been applied on the master by then.
   */
  Future<Response> sendReplicatedRaw(Request write, String what) {
    if (durability.replicas() == 0) {
      return sendRaw(write, what);
    }
    long budget = budgetMs();
    if (budget <= 0) {
      return Future.failedFuture(outOfTime(what));
    }
    Request wait = Request.cmd(Command.WAIT).arg(durability.replicas()).arg(durability.timeoutMs());
    return redis
        .batch(List.of(write, wait))
        .timeout(budget, TimeUnit.MILLISECONDS)
        .compose(replies -> replicated(replies.get(0), replies.get(1).toInteger(), what));
  }

  private Future<Response> replicated(Response written, int acknowledged, String what) {
    if (acknowledged >= durability.replicas()) {
      return Future.succeededFuture(written);
    }
    return Future.failedFuture(
        FileError.unavailable(
            what
                + " at "
                + where
                + " reached "
                + acknowledged
                + " of "
                + durability.replicas()
                + " replica(s) within "
                + durability.timeoutMs()
                + " ms (store.redis.waitReplicas): it is applied on the master and may still"
                + " be lost if the master fails now; read before repeating it",
            null));
  }

  Future<List<Response>> batch(List<Request> requests, String what) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    long budget = budgetMs();
    if (budget <= 0) {
      return Future.failedFuture(outOfTime(what));
    }
    return redis
        .batch(requests)
        .timeout(budget, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(translate(t, what)));
  }

  /** What is left for the next call: the timeout, or less when the deadline comes sooner. */
  private long budgetMs() {
    if (deadlineNanos == NO_DEADLINE) {
      return timeoutMs;
    }
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return Math.min(timeoutMs, left);
  }

  private FileError outOfTime(String what) {
    return FileError.unavailable(
        "redis did not answer within " + timeoutMs + " ms (" + what + " at " + where + ")", null);
  }

  Future<Void> close() {
    return redis.close();
  }
}
