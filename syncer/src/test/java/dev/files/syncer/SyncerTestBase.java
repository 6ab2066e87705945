package dev.files.syncer;

import static dev.files.testing.Await.await;

import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbFileStore;
import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisFileStore;
import dev.files.store.redis.RedisStoreConfig;
import dev.files.store.redis.RedisStoreProvider;
import dev.files.store.redis.RedisTestServer;
import dev.files.store.tck.Records;
import dev.files.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh Redis keyspace (4 shards) and a fresh CouchDB database per test, on the servers the
 * harnesses start once per JVM; {@link #primary} writes like the service does, {@link #couchStore}
 * reads CouchDB like the service's list store.
 */
abstract class SyncerTestBase {
  static Vertx vertx;
  static RedisTestServer redisServer;
  static CouchDbTestServer couchServer;

  JsonObject root;
  SyncerConfig config;
  RedisFileStore primary;
  CouchDbFileStore couchStore;
  Endpoints ends;
  SyncerMetrics metrics;

  @BeforeAll
  static void servers() {
    vertx = Vertx.vertx();
    redisServer = RedisTestServer.shared();
    couchServer = CouchDbTestServer.shared();
  }

  @AfterAll
  static void closeVertx() {
    await(vertx.close());
  }

  /** A fresh keyspace of 4 shards on the single Redis server; the cluster variants override it. */
  JsonObject freshRedisKeyspace() {
    return redisServer.freshConfig(4);
  }

  @BeforeEach
  void stores() {
    JsonObject redis = freshRedisKeyspace();
    String database = couchServer.freshDatabase();
    root =
        new JsonObject()
            .put(
                "store",
                new JsonObject()
                    .put("redis", redis)
                    .put(
                        "couchdb",
                        new JsonObject().put("url", couchServer.url()).put("database", database)))
            .put(
                "syncer",
                new JsonObject()
                    .put("group", "files-syncer")
                    .put("consumer", "test")
                    .put("batchSize", 200)
                    .put("pollMs", 50)
                    .put("claimIdleMs", 500)
                    .put("trimEveryMs", 300)
                    // pouchdb-server updates 30 indexes slowly; WarmIndexesIT turns it on
                    .put("warmIndexes", false));
    config = SyncerConfig.from(root);
    primary = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(redis)));
    couchStore = await(CouchDbFileStore.open(vertx, couchServer.url(), database));
    ends = await(Endpoints.open(vertx, config));
    metrics = new SyncerMetrics();
  }

  @AfterEach
  void closeStores() {
    await(ends.close());
    await(primary.close());
    await(couchServer.dropAndClose(couchStore));
  }

  /** Command-line options naming this test's stores. */
  List<String> storeArgs() {
    JsonObject redis = root.getJsonObject("store").getJsonObject("redis");
    return new ArrayList<>(
        List.of(
            "--redis-url",
            redis.getString("url"),
            "--redis-type",
            redis.getString("type", "standalone"),
            "--redis-prefix",
            redis.getString("prefix"),
            "--redis-shards",
            String.valueOf(redis.getInteger("shards")),
            "--couchdb-url",
            config.couch().url(),
            "--couchdb-database",
            config.couch().database(),
            "--warm-indexes",
            String.valueOf(config.warmIndexes())));
  }

  /** Creates {@code n} records in Redis, {@code parallel} at a time. */
  List<FileRecord> createMany(int n, int parallel) {
    List<FileRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i += parallel) {
      List<Future<FileRecord>> wave = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + parallel); j++) {
        wave.add(
            primary.create(
                Records.processed("owner" + (j % 37), "name " + j)
                    .contentLength(j)
                    .tags(List.of("t" + (j % 5)))
                    .build()));
      }
      await(Future.all(wave));
      wave.forEach(f -> out.add(f.result()));
    }
    return out;
  }

  Verifier.Report verify(boolean repair) {
    return await(new Verifier(config, ends, metrics).run(repair));
  }

  /** Waits (up to {@code seconds}) until {@code check} holds; fails with the last report. */
  static void eventually(int seconds, Supplier<Boolean> check, Supplier<String> why) {
    Eventually.until(Duration.ofSeconds(seconds), check::get, why);
  }
}
