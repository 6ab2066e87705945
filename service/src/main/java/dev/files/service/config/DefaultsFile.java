package dev.files.service.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.files.config.ConfigKey;
import dev.files.config.ConfigType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service's own keys: {@code defaults.yaml} next to this class. Each leaf is a key whose type
 * is its default's: a boolean, an integer, a decimal, a list, a duration (a number with a unit such
 * as {@code 2s}), otherwise a string ({@code ~} too); an empty map {@code {}} is a map with
 * free-form keys. So a key added to the file needs no code here.
 */
final class DefaultsFile {
  private static final String RESOURCE = "/dev/files/service/config/defaults.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION_WITH_UNIT = Pattern.compile("\\d+\\s*(ms|s|m|h|d)");
  private static final String DOC = "see docs/configuration.md";

  private DefaultsFile() {}

  /** The keys of {@code defaults.yaml}. */
  static List<ConfigKey> keys() {
    try (InputStream in = DefaultsFile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      List<ConfigKey> keys = new ArrayList<>();
      collect(parse(in.readAllBytes()), "", keys);
      return List.copyOf(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML is a superset of JSON, so one parser reads both. */
  @SuppressWarnings("unchecked")
  static JsonObject parse(byte[] bytes) throws IOException {
    Map<String, Object> map = YAML.readValue(bytes, Map.class);
    return map == null ? new JsonObject() : new JsonObject(map);
  }

  private static void collect(JsonObject node, String prefix, List<ConfigKey> keys) {
    for (String field : node.fieldNames()) {
      String name = prefix + field;
      Object value = node.getValue(field);
      if (value instanceof JsonObject o && o.isEmpty()) {
        keys.add(ConfigKey.map(name, DOC));
      } else if (value instanceof JsonObject o) {
        collect(o, name + ".", keys);
      } else {
        keys.add(new ConfigKey(name, typeOf(value), value, DOC, List.of()));
      }
    }
  }

  private static ConfigType typeOf(Object value) {
    if (value instanceof Boolean) {
      return ConfigType.BOOLEAN;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ConfigType.INTEGER;
    }
    if (value instanceof Number) {
      return ConfigType.DECIMAL;
    }
    if (value instanceof JsonArray) {
      return ConfigType.LIST;
    }
    if (value instanceof String s && DURATION_WITH_UNIT.matcher(s.trim()).matches()) {
      return ConfigType.DURATION;
    }
    return ConfigType.STRING;
  }
}
