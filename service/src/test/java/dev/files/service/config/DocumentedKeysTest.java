package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys the components publish, and how to set each. */
class DocumentedKeysTest {
  private final ConfigurationDoc doc = ConfigurationDoc.read();
  private final KnownKeys known = KnownKeys.standard();

  @Test
  void everyRegisteredKeyIsDocumentedAndEveryDocumentedKeyIsRegistered() {
    Set<String> registered =
        known.all().stream().map(ConfigKey::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>(doc.keys().keySet());
    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> unregistered = new TreeSet<>(documented);
    unregistered.removeAll(registered);
    assertEquals(Set.of(), undocumented, "registered keys missing from " + ConfigurationDoc.FILE);
    assertEquals(Set.of(), unregistered, "documented keys no component registers");
  }

  @Test
  void eachKeyIsDocumentedWithItsVariableAndType() {
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (ConfigKey key : known.all()) {
      var row = doc.keys().get(key.name());
      if (row != null) {
        expected.put(key.name(), typeName(key) + " " + EnvironmentNames.of(key.name()));
        actual.put(
            key.name(),
            row.get(1)
                + " "
                + ConfigurationDoc.unquoted(row.get(ConfigurationDoc.VARIABLE_COLUMN)));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void eachDefaultIsDocumentedAsPublished() {
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (ConfigKey key : known.all()) {
      var row = doc.keys().get(key.name());
      if (row != null && key.defaultValue() != null) {
        String written = "`" + rendered(key.defaultValue()) + "`";
        expected.put(key.name(), written);
        actual.put(key.name(), row.get(2).startsWith(written) ? written : row.get(2));
      }
    }
    assertEquals(expected, actual);
  }

  private static String rendered(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    if (value instanceof JsonArray a) {
      return a.isEmpty() ? "[]" : String.join(",", a.stream().map(String::valueOf).toList());
    }
    return value instanceof JsonObject o && o.isEmpty() ? "{}" : String.valueOf(value);
  }

  @Test
  void theVariablesThatAreNotKeysAreTheDocumentedOnes() {
    assertEquals(
        new TreeSet<>(EnvironmentNames.NOT_KEYS.keySet()), new TreeSet<>(doc.variables().keySet()));
  }

  /** The type as the documentation writes it. */
  static String typeName(ConfigKey key) {
    return key.type().name().toLowerCase(java.util.Locale.ROOT);
  }
}
