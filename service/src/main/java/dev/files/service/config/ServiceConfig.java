package dev.files.service.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The effective configuration, read through typed accessors: every known key with its value, each
 * coerced to its key's type (see {@link KnownKeys}). Keys and defaults are documented in {@code
 * docs/configuration.md}.
 */
public final class ServiceConfig {
  private final JsonObject root;

  public ServiceConfig(JsonObject root) {
    this.root = root;
  }

  /** The whole configuration tree (a copy). */
  public JsonObject toJson() {
    return root.copy();
  }

  /** The value at a dotted key, or null. */
  public Object get(String dottedKey) {
    Object node = root;
    for (String segment : dottedKey.split("\\.")) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      node = o.getValue(segment);
    }
    return node;
  }

  /**
   * The section at a dotted key (a copy without null values, so that a backend's own defaults apply
   * to keys nobody set), empty when absent.
   */
  public JsonObject section(String dottedKey) {
    return get(dottedKey) instanceof JsonObject o ? withoutNulls(o) : new JsonObject();
  }

  private static JsonObject withoutNulls(JsonObject o) {
    JsonObject copy = new JsonObject();
    o.forEach(
        e -> {
          Object v = e.getValue();
          if (v instanceof JsonObject nested) {
            copy.put(e.getKey(), withoutNulls(nested));
          } else if (v != null) {
            copy.put(e.getKey(), v instanceof JsonArray a ? a.copy() : v);
          }
        });
    return copy;
  }

  public String string(String key) {
    Object v = get(key);
    return v == null ? null : String.valueOf(v);
  }

  public long number(String key) {
    Object v = get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v == null) {
      throw new IllegalArgumentException("configuration key " + key + " is missing");
    }
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration key " + key + " is not a number: " + v);
    }
  }

  public Duration duration(String key) {
    return Durations.parse(get(key));
  }

  public List<String> list(String key) {
    Object v = get(key);
    if (v instanceof JsonArray a) {
      return a.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (v == null || String.valueOf(v).isBlank()) {
      return List.of();
    }
    return List.of(String.valueOf(v).split(",")).stream()
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public String httpHost() {
    return string("http.host");
  }

  public int httpPort() {
    return (int) number("http.port");
  }

  public Path dataDir() {
    return Path.of(string("data.dir"));
  }

  public String authMode() {
    return string("auth.mode");
  }

  public Set<String> admins() {
    return list("auth.admins").stream().collect(Collectors.toUnmodifiableSet());
  }

  public String storePrimary() {
    return string("store.primary");
  }

  public String storeList() {
    return string("store.list");
  }

  /**
   * A backend's own section {@code store.<name>}, plus {@code data.dir} (absolute) for embedded
   * backends.
   */
  public JsonObject storeConfig(String name) {
    return section("store." + name).put("data.dir", dataDir().toAbsolutePath().toString());
  }

  /** Whether the Redis to CouchDB syncer runs inside the service. */
  public boolean syncerEnabled() {
    return Boolean.TRUE.equals(get("syncer.enabled"));
  }

  /** What the syncer reads: the {@code store} and {@code syncer} sections. */
  public JsonObject syncerConfig() {
    return new JsonObject().put("store", section("store")).put("syncer", section("syncer"));
  }

  public String storageType() {
    return string("storage.type");
  }

  /** The storage's own section {@code storage.<type>}, plus {@code data.dir} (absolute). */
  public JsonObject storageConfig(String type) {
    return section("storage." + type).put("data.dir", dataDir().toAbsolutePath().toString());
  }
}
