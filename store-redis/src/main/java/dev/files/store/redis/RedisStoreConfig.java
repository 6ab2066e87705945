package dev.files.store.redis;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration of the {@code redis} store ({@code store.redis} section). Every key is
 * optional; docs/backends/redis.md documents them.
 *
 * @param url Redis connection string, {@code redis://[user:password@]host:port[/db]}; with {@code
 *     type: cluster} a comma-separated list of nodes the client may read the slot map from
 * @param cluster whether {@code url} names nodes of a Redis Cluster ({@code type: cluster})
 * @param prefix prepended to every key, so several deployments can share one Redis
 * @param shards number of hash-tag shards that owners are spread over; fixed for a keyspace
 * @param poolSize connections in the pool
 * @param poolWaiting requests that may wait for a free connection before failing fast
 * @param timeoutMs how long one Redis round trip may take before the call fails as unavailable; the
 *     round trips of one operation by id (create, get, update, delete) share one such deadline
 * @param streamMaxLen approximate number of change-feed entries kept per shard stream
 * @param batchSize ids per bounded Redis call when list queries walk or scan indexes
 * @param sortIndexes the fields that have sort indexes (default: every built-in filterable field);
 *     fixed for a keyspace, like {@code shards}
 * @param nameGrams whether names are indexed by trigram for substring filters (default false): one
 *     more id-set entry per distinct trigram of the name on every write, which about halves the
 *     write rate; fixed for a keyspace
 * @param waitReplicas replicas that must have acknowledged a write before the store does (0, the
 *     default: no WAIT, replication stays asynchronous)
 * @param waitTimeoutMs how long a write waits for {@code waitReplicas} acknowledgements before it
 *     answers unavailable (below {@code timeoutMs})
 */
public record RedisStoreConfig(
    String url,
    boolean cluster,
    String prefix,
    int shards,
    int poolSize,
    int poolWaiting,
    long timeoutMs,
    long streamMaxLen,
    int batchSize,
    Set<String> sortIndexes,
    boolean nameGrams,
    int waitReplicas,
    long waitTimeoutMs) {

  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  public static final String DEFAULT_PREFIX = "files:";

  /** The keys {@link #from} reads, with the defaults it applies (section {@code store.redis}). */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string(
              "url",
              DEFAULT_URL,
              "connection string, redis://[user:password@]host:port[/db];"
                  + " cluster: several, comma-separated"),
          ConfigKey.oneOf(
              "type",
              "standalone",
              "cluster: url names nodes of a Redis Cluster",
              "standalone",
              "cluster"),
          ConfigKey.string("prefix", DEFAULT_PREFIX, "prepended to every key; no braces"),
          ConfigKey.integer("shards", 16L, "hash tags owners are spread over; fixed per keyspace"),
          ConfigKey.integer("poolSize", 8L, "pooled connections"),
          ConfigKey.integer("poolWaiting", 256L, "calls that may wait for a free connection"),
          ConfigKey.integer("timeoutMs", 5_000L, "limit of one round trip (and of connecting)"),
          ConfigKey.integer("streamMaxLen", 1_000_000L, "change-feed entries kept per shard"),
          ConfigKey.integer("batchSize", 500L, "ids per bounded call of list queries (10..10000)"),
          ConfigKey.list(
              "sortIndexes",
              null,
              "fields with sort indexes; null: every built-in filterable field; fixed per keyspace"),
          ConfigKey.bool("nameGrams", false, "index names by trigram for name substring filters"),
          ConfigKey.integer(
              "waitReplicas",
              0L,
              "replicas that must acknowledge each write (WAIT) before it succeeds; 0: off"),
          ConfigKey.integer(
              "waitTimeoutMs",
              1_000L,
              "how long a write waits for waitReplicas; then it answers unavailable"));

  public RedisStoreConfig {
    if (prefix.contains("{") || prefix.contains("}")) {
      throw FileError.validation("store.redis.prefix must not contain braces (hash tags)");
    }
    if (shards < 1 || shards > 16384) {
      throw FileError.validation("store.redis.shards must be in 1..16384");
    }
    if (poolSize < 1 || poolWaiting < 0 || timeoutMs < 1 || streamMaxLen < 1) {
      throw FileError.validation("store.redis: poolSize, timeoutMs and streamMaxLen must be > 0");
    }
    if (batchSize < 10 || batchSize > 10_000) {
      throw FileError.validation("store.redis.batchSize must be in 10..10000");
    }
    if (!cluster && url.contains(",")) {
      throw FileError.validation("store.redis.url: several nodes need store.redis.type cluster");
    }
    if (List.of(url.split(",", -1)).stream().anyMatch(String::isBlank)) {
      throw FileError.validation("store.redis.url: an empty connection string");
    }
    if (waitReplicas < 0 || waitTimeoutMs < 1 || (waitReplicas > 0 && waitTimeoutMs >= timeoutMs)) {
      throw FileError.validation(
          "store.redis: waitReplicas must be >= 0 and waitTimeoutMs in 1..timeoutMs-1"
              + " (a write waits for replicas within its own round trip)");
    }
    sortIndexes = Set.copyOf(new TreeSet<>(sortIndexes));
    for (String f : sortIndexes) {
      if (!IndexEntries.BUILT_IN.contains(f)) {
        throw FileError.validation(
            "store.redis.sortIndexes: '" + f + "' is not a built-in filterable field");
      }
    }
  }

  /** Reads the section; absent keys take their defaults. */
  public static RedisStoreConfig from(JsonObject c) {
    JsonObject j = c == null ? new JsonObject() : c;
    return new RedisStoreConfig(
        j.getString("url", DEFAULT_URL),
        clusterType(j.getString("type", "standalone")),
        j.getString("prefix", DEFAULT_PREFIX),
        j.getInteger("shards", 16),
        j.getInteger("poolSize", 8),
        j.getInteger("poolWaiting", 256),
        j.getLong("timeoutMs", 5_000L),
        j.getLong("streamMaxLen", 1_000_000L),
        j.getInteger("batchSize", 500),
        sortIndexes(j.getJsonArray("sortIndexes")),
        j.getBoolean("nameGrams", false),
        j.getInteger("waitReplicas", 0),
        j.getLong("waitTimeoutMs", 1_000L));
  }

  private static boolean clusterType(String type) {
    return switch (type) {
      case "standalone" -> false;
      case "cluster" -> true;
      default -> throw FileError.validation("store.redis.type must be standalone or cluster");
    };
  }

  private static Set<String> sortIndexes(JsonArray a) {
    if (a == null) {
      return IndexEntries.BUILT_IN;
    }
    Set<String> out = new TreeSet<>();
    a.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /**
   * The connection strings of {@code url}. On Cluster the client reads the slot map from the first
   * of them that answers, so a list of several nodes survives the loss of any one of them; a single
   * node is a single point of failure for that, even when the cluster fails over.
   */
  List<String> endpoints() {
    return List.of(url.strip().split("\\s*,\\s*"));
  }

  /** Whether writes wait for replicas to acknowledge them (WAIT). */
  boolean waitsForReplicas() {
    return waitReplicas > 0;
  }

  /** The sort indexes as stored in the keyspace's meta hash: sorted, comma-separated. */
  String sortIndexList() {
    return String.join(",", new TreeSet<>(sortIndexes));
  }
}
