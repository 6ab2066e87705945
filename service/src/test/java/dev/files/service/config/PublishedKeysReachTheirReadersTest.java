package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.files.config.ConfigKey;
import dev.files.storage.gcs.GcsConfig;
import dev.files.storage.gcs.pubsub.PubSubConfig;
import dev.files.storage.local.LocalBlobOptions;
import dev.files.store.couchdb.CouchDbStoreConfig;
import dev.files.store.redis.RedisStoreConfig;
import dev.files.syncer.SyncerConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each component's published keys are the ones its reader reads: every key set through its {@code
 * FILES_*} variable changes what the reader makes of the effective configuration, and the published
 * defaults are the reader's own (reading them gives what reading nothing gives).
 */
class PublishedKeysReachTheirReadersTest {
  private record Component(
      String section, List<ConfigKey> keys, Function<ServiceConfig, Object> reader) {}

  private static final List<Component> COMPONENTS =
      List.of(
          new Component(
              "store.redis",
              RedisStoreConfig.KEYS,
              c -> RedisStoreConfig.from(c.storeConfig("redis"))),
          new Component(
              "store.couchdb",
              CouchDbStoreConfig.KEYS,
              c -> CouchDbStoreConfig.from(c.storeConfig("couchdb"))),
          new Component("storage.gcs", GcsConfig.KEYS, c -> GcsConfig.fromJson(withBucket(c))),
          new Component(
              "storage.gcs.pubsub",
              PubSubConfig.KEYS,
              c -> PubSubConfig.fromJson(c.section("storage.gcs"))),
          new Component(
              "storage.local",
              LocalBlobOptions.KEYS,
              c -> local(LocalBlobOptions.fromJson(c.section("storage.local")))),
          new Component("syncer", SyncerConfig.KEYS, c -> SyncerConfig.from(c.syncerConfig())));

  /** GCS requires a bucket; a fixed one lets every other key be read alone. */
  private static JsonObject withBucket(ServiceConfig c) {
    JsonObject s = c.section("storage.gcs");
    return s.containsKey("bucket") ? s : s.put("bucket", "fixed-bucket");
  }

  /** What local storage makes of its keys (the options class has no equals). */
  private static List<Object> local(LocalBlobOptions o) {
    return List.of(
        o.root(),
        o.bucket(),
        String.valueOf(o.secret()),
        o.secretFile(),
        o.corsOrigins(),
        o.maxChunkBuffer());
  }

  @TestFactory
  Stream<DynamicNode> everyPublishedKeyChangesWhatItsReaderReads() {
    ServiceConfig defaults = ConfigLoader.load(null, Map.of());
    return COMPONENTS.stream()
        .map(
            component ->
                DynamicContainer.dynamicContainer(
                    component.section(),
                    component.keys().stream()
                        .map(k -> k.under(component.section()))
                        .map(
                            key ->
                                DynamicTest.dynamicTest(
                                    key.name(),
                                    () -> {
                                      ServiceConfig set =
                                          ConfigLoader.load(
                                              null,
                                              Map.of(
                                                  EnvironmentNames.of(key.name()),
                                                  SampleValues.asText(SampleValues.of(key))));
                                      assertNotEquals(
                                          component.reader().apply(defaults),
                                          component.reader().apply(set));
                                    }))));
  }

  @TestFactory
  Stream<DynamicTest> thePublishedDefaultsAreTheReadersDefaults() {
    ServiceConfig defaults = ConfigLoader.load(null, Map.of());
    ServiceConfig nothing =
        new ServiceConfig(new JsonObject().put("data", defaults.toJson().getJsonObject("data")));
    return COMPONENTS.stream()
        .map(
            component ->
                DynamicTest.dynamicTest(
                    component.section(),
                    () ->
                        assertEquals(
                            component.reader().apply(nothing),
                            component.reader().apply(defaults))));
  }
}
