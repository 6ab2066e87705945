package dev.files.syncer;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import dev.files.store.couchdb.CouchDbStoreConfig;
import dev.files.store.redis.RedisStoreConfig;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The syncer's configuration: the two stores (the service's {@code store.redis} and {@code
 * store.couchdb} sections) and the {@code syncer} section.
 *
 * @param redis the Redis keyspace to read (same url, prefix and shards as the service)
 * @param couch the CouchDB database to write (same keys as the service's {@code store.couchdb})
 * @param enabled whether the service runs the follower as a verticle
 * @param group the consumer group on every shard's change stream
 * @param consumer this instance's name in the group (stable across restarts of one instance)
 * @param batchSize entries or records per batch (one {@code _bulk_docs} each)
 * @param pollMs pause after a round that found nothing new
 * @param claimIdleMs entries another consumer holds unacknowledged this long are taken over
 * @param trimEveryMs how often the streams are trimmed to what every group has consumed
 * @param warmIndexes whether the follower brings CouchDB's list indexes up to date after each batch
 *     it applies, before acknowledging it (lists with {@code store.couchdb.staleLists} read them
 *     without waiting; the time this takes is part of the lag)
 * @param backfillShards how many shards a backfill copies side by side
 */
public record SyncerConfig(
    RedisStoreConfig redis,
    CouchDbStoreConfig couch,
    boolean enabled,
    String group,
    String consumer,
    int batchSize,
    long pollMs,
    long claimIdleMs,
    long trimEveryMs,
    boolean warmIndexes,
    int backfillShards) {

  /** The keys {@link #from} reads from the {@code syncer} section, with the defaults it applies. */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.bool("enabled", false, "run the follower inside the service"),
          ConfigKey.string("group", "files-syncer", "the consumer group on the change streams"),
          ConfigKey.string("consumer", null, "this instance's consumer name; null: the host name"),
          ConfigKey.integer("batchSize", 1_000L, "entries per read and records per _bulk_docs"),
          ConfigKey.integer("pollMs", 200L, "pause after a round that found nothing new"),
          ConfigKey.integer("claimIdleMs", 30_000L, "idle entries of another consumer are taken"),
          ConfigKey.integer("trimEveryMs", 60_000L, "how often streams are trimmed"),
          ConfigKey.bool(
              "warmIndexes", true, "update CouchDB's list indexes after each applied batch"),
          ConfigKey.integer("backfillShards", 4L, "shards a backfill copies side by side"));

  public SyncerConfig {
    if (batchSize < 1 || batchSize > 10_000) {
      throw FileError.validation("syncer.batchSize must be in 1..10000");
    }
    if (pollMs < 1 || claimIdleMs < 1 || trimEveryMs < 1) {
      throw FileError.validation("syncer: pollMs, claimIdleMs and trimEveryMs must be > 0");
    }
    if (backfillShards < 1 || backfillShards > 64) {
      throw FileError.validation("syncer.backfillShards must be in 1..64");
    }
  }

  /** Reads {@code store.redis}, {@code store.couchdb} and {@code syncer} of the service config. */
  public static SyncerConfig from(JsonObject root) {
    JsonObject store = root.getJsonObject("store", new JsonObject());
    JsonObject couch = store.getJsonObject("couchdb", new JsonObject());
    JsonObject s = root.getJsonObject("syncer", new JsonObject());
    return new SyncerConfig(
        RedisStoreConfig.from(store.getJsonObject("redis", new JsonObject())),
        CouchDbStoreConfig.from(couch),
        s.getBoolean("enabled", false),
        s.getString("group", "files-syncer"),
        s.getString("consumer", defaultConsumer()),
        s.getInteger("batchSize", 1_000),
        s.getLong("pollMs", 200L),
        s.getLong("claimIdleMs", 30_000L),
        s.getLong("trimEveryMs", 60_000L),
        s.getBoolean("warmIndexes", true),
        s.getInteger("backfillShards", 4));
  }

  /** The host name: stable across restarts of one instance, distinct between instances. */
  static String defaultConsumer() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "syncer-" + ProcessHandle.current().pid();
    }
  }
}
