package dev.files.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type of a configuration key, and the coercion of a value from a file (YAML or JSON types) or
 * from an environment variable (always text) to its canonical form.
 */
public enum ConfigType {
  /** Text; numbers and booleans written in a file are taken as their text. */
  STRING("a string"),
  /** A whole number, held as a {@code Long}. */
  INTEGER("an integer"),
  /** A number, held as a {@code Double}. */
  DECIMAL("a number"),
  /** {@code true} or {@code false} (any case in text). */
  BOOLEAN("true or false"),
  /** A {@link Durations duration}: kept as written, a text with a unit or a number of seconds. */
  DURATION("a duration such as 250ms, 90s, 5m, 24h or 30d (a bare number is seconds)"),
  /** Strings, held as a {@code JsonArray}; comma-separated in text. */
  LIST("a list (comma-separated in an environment variable)"),
  /** A map whose keys are free-form, held as a {@code JsonObject}; a JSON object in text. */
  MAP("a map (a JSON object in an environment variable)");

  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

  private final String description;

  ConfigType(String description) {
    this.description = description;
  }

  /** What a value of this type looks like, for messages. */
  public String description() {
    return description;
  }

  /**
   * {@code raw} in this type's canonical form (a fresh copy for lists and maps), or null when it is
   * not a value of this type; {@code raw} must not be null.
   */
  public Object coerce(Object raw) {
    return switch (this) {
      case STRING -> raw instanceof String || isScalar(raw) ? String.valueOf(raw) : null;
      case INTEGER -> integer(raw);
      case DECIMAL -> decimal(raw);
      case BOOLEAN -> bool(raw);
      case DURATION -> duration(raw);
      case LIST -> list(raw);
      case MAP -> map(raw);
    };
  }

  private static boolean isScalar(Object raw) {
    return raw instanceof Number || raw instanceof Boolean;
  }

  private static Long integer(Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue() == n.longValue() ? n.longValue() : null;
    }
    if (raw instanceof String s && WHOLE.matcher(s.trim()).matches()) {
      return Long.parseLong(s.trim());
    }
    return null;
  }

  private static Double decimal(Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    if (raw instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s) {
      String v = s.trim().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.valueOf(v);
      }
    }
    return null;
  }

  private static Object duration(Object raw) {
    if (!Durations.isDuration(raw)) {
      return null;
    }
    return raw instanceof Number n ? (Object) n.longValue() : ((String) raw).trim();
  }

  private static JsonArray list(Object raw) {
    List<?> items;
    if (raw instanceof JsonArray a) {
      items = a.getList();
    } else if (raw instanceof List<?> l) {
      items = l;
    } else if (raw instanceof String s) {
      items = Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    } else {
      return null;
    }
    JsonArray out = new JsonArray();
    for (Object item : items) {
      if (!(item instanceof String) && !isScalar(item)) {
        return null;
      }
      out.add(String.valueOf(item));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject map(Object raw) {
    if (raw instanceof JsonObject o) {
      return o.copy();
    }
    if (raw instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m).copy();
    }
    if (raw instanceof String s) {
      try {
        return new JsonObject(s);
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
    return null;
  }
}
