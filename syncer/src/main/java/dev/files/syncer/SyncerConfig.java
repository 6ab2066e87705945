package dev.files.syncer;

import dev.files.error.FileError;
import dev.files.store.couchdb.CouchDbStoreConfig;
import dev.files.store.redis.RedisStoreConfig;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;

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
    long trimEveryMs) {

  public SyncerConfig {
    if (batchSize < 1 || batchSize > 10_000) {
      throw FileError.validation("syncer.batchSize must be in 1..10000");
    }
    if (pollMs < 1 || claimIdleMs < 1 || trimEveryMs < 1) {
      throw FileError.validation("syncer: pollMs, claimIdleMs and trimEveryMs must be > 0");
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
        s.getInteger("batchSize", 500),
        s.getLong("pollMs", 200L),
        s.getLong("claimIdleMs", 30_000L),
        s.getLong("trimEveryMs", 60_000L));
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
