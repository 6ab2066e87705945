package dev.files.config;

import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key a component reads: its dotted name, type, default and a one-line doc.
 * Components publish their keys relative to their own section ({@code url} of {@code store.redis});
 * {@link #under(String)} places them.
 *
 * @param name dotted camelCase segments ({@code pubsub.pushToken}); no underscores, since an
 *     environment variable's underscore is always a dot
 * @param type how values are read and coerced
 * @param defaultValue the value in effect when nobody sets it, in the type's canonical form; null
 *     when the component computes it (from another key, the host, the credentials) or it is unset
 * @param doc one line: what the key does, and what a null default means
 * @param choices the allowed values of a {@link ConfigType#STRING} key; empty allows any
 */
public record ConfigKey(
    String name, ConfigType type, Object defaultValue, String doc, List<String> choices) {

  private static final Pattern NAME =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*");

  public ConfigKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a configuration key name: '" + name + "'");
    }
    choices = List.copyOf(choices);
    if (!choices.isEmpty() && type != ConfigType.STRING) {
      throw new IllegalArgumentException(name + ": only string keys have choices");
    }
    if (defaultValue != null) {
      defaultValue = type.coerce(defaultValue);
      if (defaultValue == null || (!choices.isEmpty() && !choices.contains(defaultValue))) {
        throw new IllegalArgumentException(name + ": the default is not " + type.description());
      }
    }
  }

  public static ConfigKey string(String name, String defaultValue, String doc) {
    return new ConfigKey(name, ConfigType.STRING, defaultValue, doc, List.of());
  }

  /** A string key that takes one of {@code choices}. */
  public static ConfigKey oneOf(String name, String defaultValue, String doc, String... choices) {
    return new ConfigKey(name, ConfigType.STRING, defaultValue, doc, List.of(choices));
  }

  public static ConfigKey integer(String name, Long defaultValue, String doc) {
    return new ConfigKey(name, ConfigType.INTEGER, defaultValue, doc, List.of());
  }

  public static ConfigKey bool(String name, Boolean defaultValue, String doc) {
    return new ConfigKey(name, ConfigType.BOOLEAN, defaultValue, doc, List.of());
  }

  public static ConfigKey duration(String name, String defaultValue, String doc) {
    return new ConfigKey(name, ConfigType.DURATION, defaultValue, doc, List.of());
  }

  public static ConfigKey list(String name, List<String> defaultValue, String doc) {
    return new ConfigKey(name, ConfigType.LIST, defaultValue, doc, List.of());
  }

  /** A map whose own keys are free-form (not checked against any list). */
  public static ConfigKey map(String name, String doc) {
    return new ConfigKey(name, ConfigType.MAP, new JsonObject(), doc, List.of());
  }

  /** This key inside section {@code prefix}: {@code url} under {@code store.redis}. */
  public ConfigKey under(String prefix) {
    return new ConfigKey(prefix + "." + name, type, defaultValue, doc, choices);
  }

  /** The default as a fresh value for a configuration tree (lists and maps are copied). */
  public Object defaultCopy() {
    if (defaultValue instanceof JsonArray a) {
      return a.copy();
    }
    return defaultValue instanceof JsonObject o ? o.copy() : defaultValue;
  }

  /**
   * {@code raw} coerced to this key's type; null stays null (unset).
   *
   * @param source where the value comes from, for the message ({@code "FILES_HTTP_PORT"}, a file)
   * @throws FileError validation, naming the key, the source and what was expected
   */
  public Object coerce(Object raw, String source) {
    if (raw == null) {
      return null;
    }
    Object value = type.coerce(raw);
    if (value == null) {
      throw FileError.validation(
          name + " (" + source + "): '" + raw + "' is not " + type.description());
    }
    if (!choices.isEmpty() && !choices.contains(value)) {
      throw FileError.validation(
          name + " (" + source + "): '" + raw + "' is not one of " + String.join(", ", choices));
    }
    return value;
  }

  /** The defaults of {@code keys} as a tree: each dotted name a path of objects. */
  public static JsonObject defaults(List<ConfigKey> keys) {
    JsonObject root = new JsonObject();
    for (ConfigKey key : keys) {
      if (key.defaultValue() != null) {
        put(root, key.name(), key.defaultCopy());
      }
    }
    return root;
  }

  /** Puts {@code value} at the dotted {@code name} in {@code root}, creating sections. */
  public static void put(JsonObject root, String name, Object value) {
    String[] segments = name.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonObject child = node.getValue(segments[i]) instanceof JsonObject o ? o : new JsonObject();
      node.put(segments[i], child);
      node = child;
    }
    node.put(segments[segments.length - 1], value);
  }
}
