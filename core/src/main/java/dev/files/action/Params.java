package dev.files.action;

import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, validated access to a request body. Every violation is a {@code validation} error (400)
 * naming the property, so an action fails before it changes anything.
 */
final class Params {
  private final JsonObject body;
  private final String prefix;

  private Params(JsonObject body, String prefix) {
    this.body = body == null ? new JsonObject() : body;
    this.prefix = prefix;
  }

  /** The body, refusing any property not in {@code allowed}. */
  static Params of(JsonObject body, Set<String> allowed) {
    return nested(body, "", allowed);
  }

  /** A nested object, for error messages named {@code prefix.property}. */
  static Params nested(JsonObject body, String prefix, Set<String> allowed) {
    Params p = new Params(body, prefix);
    for (String key : p.body.fieldNames()) {
      if (!allowed.contains(key)) {
        throw FileError.validation("unknown property " + p.path(key), p.path(key));
      }
    }
    return p;
  }

  JsonObject json() {
    return body;
  }

  boolean has(String key) {
    return body.getValue(key) != null;
  }

  String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  String requiredString(String key, int min, int max) {
    String v = string(key, min, max);
    if (v == null) {
      throw invalid(key, "is required");
    }
    return v;
  }

  /** A string of {@code min..max} characters, or null when absent. */
  String string(String key, int min, int max) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw invalid(key, "must be a string");
    }
    if (s.length() < min || s.length() > max) {
      throw invalid(key, "must have " + min + ".." + max + " characters");
    }
    return s;
  }

  boolean bool(String key, boolean fallback) {
    Object v = body.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw invalid(key, "must be a boolean");
    }
    return b;
  }

  Boolean optionalBool(String key) {
    return has(key) ? bool(key, false) : null;
  }

  long requiredLong(String key, long min, long max) {
    Long v = optionalLong(key, min, max);
    if (v == null) {
      throw invalid(key, "is required");
    }
    return v;
  }

  long longValue(String key, long min, long max, long fallback) {
    Long v = optionalLong(key, min, max);
    return v == null ? fallback : v;
  }

  /** An integral number in {@code min..max}, or null when absent. */
  Long optionalLong(String key, long min, long max) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    BigDecimal exact = v instanceof Number n ? exact(n) : null;
    if (exact == null || exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      throw invalid(key, "must be an integer");
    }
    // Compared exactly: longValue() of 2^64 + 1 would wrap to 1, a double would round.
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0
        || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw invalid(key, "must be in " + min + ".." + max);
    }
    return exact.longValueExact();
  }

  /** The number's exact value; null for a NaN or an infinity (which JSON cannot carry). */
  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d) : null;
    }
    return BigDecimal.valueOf(n.longValue());
  }

  JsonObject object(String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw invalid(key, "must be an object");
    }
    return o;
  }

  JsonArray array(String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      throw invalid(key, "must be an array");
    }
    return a;
  }

  /** An array of strings, or null when absent. */
  List<String> strings(String key) {
    JsonArray a = array(key);
    if (a == null) {
      return null;
    }
    List<String> out = new ArrayList<>(a.size());
    for (Object each : a) {
      if (!(each instanceof String s)) {
        throw invalid(key, "must hold strings only");
      }
      out.add(s);
    }
    return out;
  }

  FileError invalid(String key, String problem) {
    return FileError.validation(path(key) + " " + problem, path(key));
  }
}
