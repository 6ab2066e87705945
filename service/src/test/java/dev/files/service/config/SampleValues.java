package dev.files.service.config;

import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A value of each key's type that differs from its default, valid for its reader. */
final class SampleValues {
  private SampleValues() {}

  static Object of(ConfigKey key) {
    Object d = key.defaultValue();
    if (!key.choices().isEmpty()) {
      return key.choices().stream().filter(c -> !c.equals(d)).findFirst().orElseThrow();
    }
    return switch (key.type()) {
      case STRING -> "sample-" + key.name();
      case INTEGER -> d == null ? 7L : (Long) d + 1;
      case DECIMAL -> d == null ? 0.5 : (Double) d + 0.5;
      case BOOLEAN -> !Boolean.TRUE.equals(d);
      case DURATION -> "7s".equals(d) ? "8s" : "7s";
      case LIST -> new JsonArray().add("owner").add("status");
      case MAP -> new JsonObject().put("Free-Form", "x");
    };
  }

  /** The value as an environment variable writes it. */
  static String asText(Object value) {
    if (value instanceof JsonArray a) {
      return String.join(",", a.stream().map(String::valueOf).toList());
    }
    return value instanceof JsonObject o ? o.encode() : String.valueOf(value);
  }
}
