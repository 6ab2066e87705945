package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.config.ConfigKey;
import dev.files.storage.gcs.GcsConfig;
import dev.files.storage.gcs.pubsub.PubSubConfig;
import dev.files.storage.local.LocalBlobOptions;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import dev.files.store.couchdb.CouchDbStoreConfig;
import dev.files.store.redis.RedisStoreConfig;
import dev.files.syncer.SyncerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse of {@link PublishedKeysReachTheirReadersTest}: every key a component's reader looks
 * up is one it publishes, so a key added to a reader and not to its published list (the cause of
 * silently ignored variables) fails here. The readers get sections that record each lookup.
 */
class ReadKeysArePublishedTest {
  @TempDir Path dir;

  @Test
  void theRedisStoreReadsOnlyItsPublishedKeys() {
    Set<String> reads = new TreeSet<>();
    RedisStoreConfig.from(recording(reads, ""));
    assertEquals(names(RedisStoreConfig.KEYS), reads);
  }

  @Test
  void theCouchDbStoreReadsOnlyItsPublishedKeys() {
    Set<String> reads = new TreeSet<>();
    CouchDbStoreConfig.from(recording(reads, ""));
    assertEquals(names(CouchDbStoreConfig.KEYS), reads);
  }

  @Test
  void theSqliteStoreReadsOnlyItsPublishedKeysAndTheDataDirectory() throws Exception {
    Set<String> reads = new TreeSet<>();
    JsonObject section = recording(reads, "").put("data.dir", dir.toString());
    Vertx vertx = Vertx.vertx();
    try {
      FileStore store =
          FileStoreProvider.named("sqlite")
              .open(vertx, section)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      store.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    Set<String> expected = names(FileStoreProvider.named("sqlite").configKeys());
    expected.add("data.dir");
    assertEquals(expected, reads);
  }

  @Test
  void gcsAndItsPubSubIntakeReadOnlyTheirPublishedKeys() {
    Set<String> reads = new TreeSet<>();
    JsonObject section = recording(reads, "").put("bucket", "b");
    section.put("pubsub", recording(reads, "pubsub."));
    GcsConfig.fromJson(section);
    PubSubConfig.fromJson(section);
    Set<String> expected = names(GcsConfig.KEYS);
    PubSubConfig.KEYS.forEach(k -> expected.add("pubsub." + k.name()));
    expected.add("pubsub");
    assertEquals(expected, reads);
  }

  @Test
  void localStorageReadsOnlyItsPublishedKeysAndWhatTheServicePasses() {
    Set<String> reads = new TreeSet<>();
    LocalBlobOptions.fromJson(recording(reads, ""));
    Set<String> expected = names(LocalBlobOptions.KEYS);
    expected.addAll(Set.of("dataDir", "publicBaseUrl"));
    assertEquals(expected, reads);
  }

  @Test
  void theSyncerReadsOnlyItsPublishedKeys() {
    Set<String> reads = new TreeSet<>();
    SyncerConfig.from(new JsonObject().put("syncer", recording(reads, "")));
    assertEquals(names(SyncerConfig.KEYS), reads);
  }

  @Test
  void aSectionRecordsWhatIsLookedUp() {
    Set<String> reads = new TreeSet<>();
    JsonObject section = recording(reads, "p.");
    section.getString("a", "x");
    section.getInteger("b");
    section.containsKey("c");
    assertTrue(reads.containsAll(Set.of("p.a", "p.b", "p.c")), reads.toString());
  }

  private static Set<String> names(List<ConfigKey> keys) {
    return keys.stream().map(ConfigKey::name).collect(Collectors.toCollection(TreeSet::new));
  }

  /** An empty section that adds the name of each key looked up in it to {@code reads}. */
  private static JsonObject recording(Set<String> reads, String prefix) {
    return new JsonObject(
        new LinkedHashMap<>() {
          @Override
          public Object get(Object key) {
            reads.add(prefix + key);
            return super.get(key);
          }

          @Override
          public Object getOrDefault(Object key, Object defaultValue) {
            reads.add(prefix + key);
            return super.getOrDefault(key, defaultValue);
          }

          @Override
          public boolean containsKey(Object key) {
            reads.add(prefix + key);
            return super.containsKey(key);
          }
        });
  }
}
