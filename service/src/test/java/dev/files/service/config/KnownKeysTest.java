package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownKeysTest {
  @TempDir Path dir;

  private static final KnownKeys WITH_A_MAP =
      KnownKeys.of(
          Map.of(
              "test",
              List.of(
                  ConfigKey.integer("a.size", 1L, "a number"),
                  ConfigKey.map("a.buckets", "settings per bucket, keys free-form"))));

  @Test
  void aKeyDeclaredByTwoSourcesIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                KnownKeys.of(
                    Map.of(
                        "one", List.of(ConfigKey.string("a.b", "x", "doc")),
                        "two", List.of(ConfigKey.bool("a.b", false, "doc")))));
    assertTrue(e.getMessage().contains("a.b is declared by"), e.getMessage());
  }

  @Test
  void aKeyThatIsAlsoASectionIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () ->
            KnownKeys.of(
                Map.of(
                    "one",
                    List.of(
                        ConfigKey.string("a.b", "x", "doc"), ConfigKey.string("a.b.c", "", "")))));
  }

  @Test
  void theStandardKeysHaveOneSourceEach() {
    KnownKeys keys = KnownKeys.standard();
    assertTrue(keys.get("store.redis.nameGrams").isPresent(), "published by the redis provider");
    assertTrue(keys.get("http.port").isPresent(), "from defaults.yaml");
    assertTrue(keys.isSection("storage.gcs.pubsub"));
  }

  @Test
  void aMapTakesFreeFormKeysFromAFile() throws Exception {
    Path file = dir.resolve("files.yaml");
    Files.writeString(file, "a:\n  buckets:\n    Media-EU: {region: eu}\n    any_name: 3\n");
    ServiceConfig c = ConfigLoader.load(WITH_A_MAP, file, Map.of());
    assertEquals(
        new JsonObject().put("Media-EU", new JsonObject().put("region", "eu")).put("any_name", 3),
        c.section("a.buckets"));
  }

  @Test
  void aMapIsSetWholeAsJsonFromTheEnvironment() {
    ServiceConfig c =
        ConfigLoader.load(WITH_A_MAP, null, Map.of("FILES_A_BUCKETS", "{\"Media-EU\": {}}"));
    assertEquals(new JsonObject().put("Media-EU", new JsonObject()), c.section("a.buckets"));
  }

  @Test
  void aVariableInsideAMapIsRefusedSayingHowToSetIt() {
    FileError e =
        assertThrows(
            FileError.class,
            () -> ConfigLoader.load(WITH_A_MAP, null, Map.of("FILES_A_BUCKETS_MEDIA", "x")));
    assertEquals(
        List.of(
            "unknown variable FILES_A_BUCKETS_MEDIA (a.buckets has free-form keys: set it whole,"
                + " as a JSON object, in FILES_A_BUCKETS)"),
        e.details());
  }

  @Test
  void aMapIsNotAValue() {
    FileError e =
        assertThrows(
            FileError.class,
            () -> ConfigLoader.load(WITH_A_MAP, null, Map.of("FILES_A_BUCKETS", "[1]")));
    assertEquals(1, e.details().size());
    assertTrue(e.details().get(0).startsWith("a.buckets (FILES_A_BUCKETS): '[1]' is not a map"));
  }

  @Test
  void aSuggestionIsCloseOrNone() {
    KnownKeys keys =
        KnownKeys.of(
            Map.of(
                "test",
                List.of(
                    ConfigKey.integer("store.redis.timeoutMs", 1L, "doc"),
                    ConfigKey.integer("store.redis.batchSize", 1L, "doc"))));
    assertEquals(
        "store.redis.timeoutMs",
        keys.closestVariables("FILES_STORE_REDIS_TIMEOUTMSS").get(0).name());
    assertEquals(
        "store.redis.batchSize", keys.closestVariables("FILES_STORE_REDIS_BATCH").get(0).name());
    assertEquals(List.of(), keys.closestVariables("FILES_STORE_REDIS_NAMEGRAMS"));
    assertEquals(List.of(), keys.closestVariables("FILES_STORE_REDIS"), "too many begin so");
    assertEquals(List.of("store.redis.timeoutMs"), keys.closestNames("store.timeoutMs"));
  }

  @Test
  void aKeyInTheWrongSectionSuggestsEverySectionThatHasIt() {
    KnownKeys keys =
        KnownKeys.of(
            Map.of(
                "test",
                List.of(
                    ConfigKey.string("storage.gcs.bucket", null, "doc"),
                    ConfigKey.string("storage.local.bucket", "files", "doc"))));
    assertEquals(
        List.of("storage.gcs.bucket", "storage.local.bucket"), keys.closestNames("storage.bucket"));
  }
}
