package dev.files.service.faults;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile values and request bodies from a seeded random source, so that a failing case can be
 * replayed with its seed: wrong types, numbers at and past every integer boundary, deep nesting,
 * long and odd unicode strings, nulls, unknown fields, broken JSON.
 */
final class Hostile {
  static final String LONG = "x".repeat(100_000);

  /**
   * Stands for a lone surrogate, which JSON may carry as an escape but Jackson will not encode:
   * {@link #encode} turns it into {@code \\ud800} in the text.
   */
  static final String LONE_SURROGATE = "LONE-SURROGATE";

  private static final String DEEP = "DEEP-NESTING-";
  private static final Pattern DEEP_PLACEHOLDER = Pattern.compile("\"" + DEEP + "(\\d+)\"");

  private final SplittableRandom random;

  Hostile(long seed) {
    this.random = new SplittableRandom(seed);
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  @SafeVarargs
  final <T> T oneOf(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  <T> T oneOf(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** Any JSON value, hostile more often than not. */
  Object value() {
    return switch (below(6)) {
      case 0 -> number();
      case 1 -> string();
      case 2 -> oneOf(true, false);
      case 3 -> null;
      case 4 -> array();
      default -> object();
    };
  }

  Object number() {
    List<Supplier<Object>> numbers =
        List.of(
            () -> 0,
            () -> -1,
            () -> 1,
            () -> Integer.MAX_VALUE,
            () -> Integer.MIN_VALUE,
            () -> Long.MAX_VALUE,
            () -> Long.MIN_VALUE,
            () -> BigInteger.TWO.pow(63),
            () -> BigInteger.TWO.pow(64).add(BigInteger.ONE),
            () -> BigInteger.TWO.pow(64).negate(),
            () -> BigInteger.TEN.pow(400),
            () -> new BigDecimal("1e400"),
            () -> new BigDecimal("-1e-400"),
            () -> new BigDecimal("1.5"),
            () -> 1e308,
            () -> -0.0,
            () -> 0.1,
            () -> random.nextLong(),
            () -> random.nextInt(1000));
    return oneOf(numbers).get();
  }

  String string() {
    return switch (below(14)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> LONG.substring(0, 1 + below(LONG.length()));
      case 3 -> "\u0000";
      case 4 -> LONE_SURROGATE;
      case 5 -> "😀".repeat(1 + below(300));
      case 6 -> "\u202eevil\u202c";
      case 7 -> "../../etc/passwd";
      case 8 -> "%zz%00%2e%2e/";
      case 9 -> "<script>alert(1)</script>";
      case 10 -> "a,b,c";
      case 11 -> UUID.randomUUID().toString();
      case 12 -> "' OR 1=1 --";
      default -> "ZALGO\u0301\u0302\u0303\u0304".repeat(1 + below(50));
    };
  }

  JsonArray array() {
    JsonArray a = new JsonArray();
    int size = chance(10) ? 5_000 : below(4);
    for (int i = 0; i < size; i++) {
      // A long array of long strings would only test the body limit, which others do.
      a.add(size > 100 ? "s" + i : value());
    }
    return a;
  }

  JsonObject object() {
    JsonObject o = new JsonObject();
    int size = below(4);
    for (int i = 0; i < size; i++) {
      o.put(key(), below(3) == 0 ? value() : string());
    }
    return o;
  }

  String key() {
    return oneOf("unknown", "__proto__", "c_x", "c_" + "y".repeat(80), "", "$ref", "😀", "a.b");
  }

  /**
   * A value nested {@code depth} levels deep in arrays and objects. Deep ones are a placeholder
   * that {@link #encode} expands in the text: encoding them as objects would overflow the stack of
   * the test, not of the service.
   */
  Object nested(int depth) {
    if (depth > 50) {
      return DEEP + depth;
    }
    Object v = value();
    for (int i = 0; i < depth; i++) {
      v = chance(50) ? new JsonArray().add(v) : new JsonObject().put("n", v);
    }
    return v;
  }

  private static String deepText(int depth) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append(i % 2 == 0 ? "[" : "{\"n\":");
    }
    b.append("1");
    for (int i = depth - 1; i >= 0; i--) {
      b.append(i % 2 == 0 ? "]" : "}");
    }
    return b.toString();
  }

  /**
   * A hostile change to a valid body (copied): a value replaced, a field added or removed, deep
   * nesting, anywhere in the tree.
   */
  JsonObject mutate(JsonObject valid) {
    JsonObject body = valid.copy();
    int changes = 1 + below(3);
    for (int i = 0; i < changes; i++) {
      JsonObject target = oneOf(objectsIn(body));
      List<String> keys = new ArrayList<>(target.fieldNames());
      String key = keys.isEmpty() || chance(20) ? key() : oneOf(keys);
      switch (below(5)) {
        case 0 -> target.remove(key);
        case 1 -> target.put(key, nested(chance(50) ? 1 + below(20) : 200 + below(800)));
        default -> target.put(key, value());
      }
    }
    return body;
  }

  private static List<JsonObject> objectsIn(Object node) {
    List<JsonObject> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  private static void collect(Object node, List<JsonObject> found) {
    if (node instanceof JsonObject o) {
      found.add(o);
      o.forEach(e -> collect(e.getValue(), found));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collect(v, found));
    }
  }

  /** The body as JSON text (UTF-8), lone surrogates included. */
  static byte[] encode(JsonObject body) {
    String text = body.encode().replace(LONE_SURROGATE, "\\ud800");
    Matcher deep = DEEP_PLACEHOLDER.matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (deep.find()) {
      deep.appendReplacement(
          expanded, Matcher.quoteReplacement(deepText(Integer.parseInt(deep.group(1)))));
    }
    deep.appendTail(expanded);
    return expanded.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes that are not a JSON object, or not JSON at all. */
  byte[] brokenJson(JsonObject valid) {
    String text = new String(encode(valid), StandardCharsets.UTF_8);
    String broken =
        switch (below(12)) {
          case 0 -> text.substring(0, below(Math.max(1, text.length())));
          case 1 -> text + "}}";
          case 2 -> text.replace("\"", "'");
          case 3 -> text.replace(":", ": NaN, \"z\":");
          case 4 -> "[".repeat(5_000) + "]".repeat(5_000);
          case 5 -> "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
          case 6 -> "";
          case 7 -> oneOf("null", "true", "42", "\"string\"", "[]", " \n\t ");
          case 8 -> "username=ann&uploadId=" + LONG.substring(0, 2_000);
          case 9 -> text.replaceFirst(",", ",,");
          case 10 -> "\ufeff" + text;
          default -> text.replaceFirst("\\d+", "1" + "0".repeat(2_000));
        };
    if (chance(10)) {
      return broken.getBytes(StandardCharsets.UTF_16);
    }
    if (chance(10)) {
      byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
      byte[] invalid = new byte[bytes.length + 2];
      System.arraycopy(bytes, 0, invalid, 0, bytes.length);
      invalid[bytes.length] = (byte) 0xC3;
      invalid[bytes.length + 1] = (byte) 0x28;
      return invalid;
    }
    return broken.getBytes(StandardCharsets.UTF_8);
  }

  /** A Content-Type header value, or null for none. */
  String contentType() {
    return oneOf(
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=utf-16",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "text/plain",
        "application/xml",
        "a/b/c;;;=",
        "",
        null);
  }
}
