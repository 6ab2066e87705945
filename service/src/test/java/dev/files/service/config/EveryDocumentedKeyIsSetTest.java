package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key documented in docs/configuration.md, set from a YAML file and from its {@code FILES_*}
 * variable, changes the effective configuration at exactly that key.
 */
class EveryDocumentedKeyIsSetTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final KnownKeys known = KnownKeys.standard();
  private final ServiceConfig defaults = ConfigLoader.load(null, Map.of());

  @TestFactory
  Stream<DynamicTest> fromAFile() {
    return documented()
        .map(
            key ->
                DynamicTest.dynamicTest(
                    key.name(),
                    () -> {
                      JsonObject tree = new JsonObject();
                      ConfigKey.put(tree, key.name(), SampleValues.of(key));
                      Path file = dir.resolve(key.name() + ".yaml");
                      Files.writeString(
                          file, YAML.writeValueAsString(JSON.readTree(tree.encode())));
                      assertChanged(key, ConfigLoader.load(file, Map.of()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> fromTheEnvironment() {
    return documented()
        .map(
            key ->
                DynamicTest.dynamicTest(
                    EnvironmentNames.of(key.name()),
                    () ->
                        assertChanged(
                            key,
                            ConfigLoader.load(
                                null,
                                Map.of(
                                    EnvironmentNames.of(key.name()),
                                    SampleValues.asText(SampleValues.of(key)))))));
  }

  private Stream<ConfigKey> documented() {
    return ConfigurationDoc.read().keys().keySet().stream()
        .map(name -> known.get(name).orElseThrow(() -> new AssertionError(name + " unknown")));
  }

  private void assertChanged(ConfigKey key, ServiceConfig loaded) {
    Object expected = SampleValues.of(key);
    assertEquals(expected, loaded.get(key.name()));
    assertNotEquals(defaults.get(key.name()), loaded.get(key.name()));
    JsonObject rest = loaded.toJson();
    JsonObject restOfDefaults = defaults.toJson();
    ConfigKey.put(rest, key.name(), null);
    ConfigKey.put(restOfDefaults, key.name(), null);
    assertEquals(restOfDefaults, rest, "nothing but " + key.name() + " changed");
  }
}
