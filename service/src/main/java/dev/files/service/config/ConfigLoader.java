package dev.files.service.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the effective configuration: built-in defaults &lt; config file &lt; environment.
 *
 * <p>An environment variable {@code FILES_A_B_C} sets key {@code a.b.c}. Segments match existing
 * keys case-insensitively, so {@code FILES_UPLOAD_MAXSIZE} sets {@code upload.maxSize}; a value
 * takes the type of the key it replaces (a list is comma-separated); a key without a default is a
 * boolean, an integer or a string by its looks.
 */
public final class ConfigLoader {
  /** The prefix of every environment variable the service reads. */
  public static final String ENV_PREFIX = "FILES_";

  private static final String DEFAULTS = "/dev/files/service/config/defaults.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

  private ConfigLoader() {}

  /** The effective configuration from the defaults, an optional file and the given environment. */
  public static ServiceConfig load(Path file, Map<String, String> env) {
    JsonObject config = defaults();
    if (file != null) {
      deepMerge(config, readFile(file));
    }
    applyEnvironment(config, env);
    return new ServiceConfig(config);
  }

  /** The built-in defaults. */
  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject readFile(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
  }

  /** YAML is a superset of JSON, so one parser reads both. */
  @SuppressWarnings("unchecked")
  private static JsonObject parse(byte[] bytes) throws IOException {
    Map<String, Object> map = YAML.readValue(bytes, Map.class);
    return map == null ? new JsonObject() : new JsonObject(map);
  }

  /** Merges {@code overlay} into {@code base}: objects recursively, anything else replaced. */
  public static void deepMerge(JsonObject base, JsonObject overlay) {
    for (String key : overlay.fieldNames()) {
      Object value = overlay.getValue(key);
      Object existing = base.getValue(key);
      if (value instanceof JsonObject o && existing instanceof JsonObject e) {
        deepMerge(e, o);
      } else {
        base.put(key, value instanceof JsonObject o ? o.copy() : value);
      }
    }
  }

  static void applyEnvironment(JsonObject config, Map<String, String> env) {
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith(ENV_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> applyOne(config, e.getKey().substring(ENV_PREFIX.length()), e.getValue()));
  }

  private static void applyOne(JsonObject config, String name, String value) {
    String[] segments = name.toLowerCase(Locale.ROOT).split("_");
    if (name.isEmpty() || Arrays.stream(segments).anyMatch(String::isEmpty)) {
      return;
    }
    JsonObject node = config;
    for (int i = 0; i < segments.length - 1; i++) {
      String key = existingKey(node, segments[i]);
      Object child = node.getValue(key);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(key, child);
      }
      node = (JsonObject) child;
    }
    String key = existingKey(node, segments[segments.length - 1]);
    node.put(key, coerce(node.getValue(key), value));
  }

  private static String existingKey(JsonObject node, String lowerCase) {
    for (String key : node.fieldNames()) {
      if (key.toLowerCase(Locale.ROOT).equals(lowerCase)) {
        return key;
      }
    }
    return lowerCase;
  }

  private static Object coerce(Object current, String value) {
    if (current instanceof JsonArray) {
      JsonArray list = new JsonArray();
      Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(list::add);
      return list;
    }
    if (current instanceof String) {
      return value;
    }
    if (current instanceof Boolean || value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value.trim());
    }
    String v = value.trim();
    if (INTEGER.matcher(v).matches()) {
      return Long.parseLong(v);
    }
    if (DECIMAL.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    return value;
  }
}
