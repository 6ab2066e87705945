package dev.files.service.config;

import dev.files.blob.BlobStorageProvider;
import dev.files.config.ConfigKey;
import dev.files.config.ConfigType;
import dev.files.store.FileStoreProvider;
import dev.files.syncer.SyncerConfig;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every configuration key the service knows, merged from the components that read them: the
 * service's {@code defaults.yaml}, each {@link FileStoreProvider} on the class path ({@code
 * store.<name>}), each {@link BlobStorageProvider} ({@code storage.<name>}: local storage, GCS with
 * its Pub/Sub intake under {@code storage.gcs.pubsub}), and the syncer ({@code syncer}). A key has
 * exactly one source: a second declaration of a name is a programming error that stops the start.
 */
public final class KnownKeys {
  private static volatile KnownKeys standard;

  private final SortedMap<String, ConfigKey> byName = new TreeMap<>();
  private final Map<String, ConfigKey> byVariable = new HashMap<>();
  private final SortedSet<String> sections = new TreeSet<>();

  private KnownKeys(Map<String, List<ConfigKey>> bySource) {
    Map<String, String> sourceOf = new HashMap<>();
    bySource.forEach(
        (source, keys) -> {
          for (ConfigKey key : keys) {
            String earlier = sourceOf.putIfAbsent(key.name(), source);
            if (earlier != null) {
              throw new IllegalStateException(
                  "configuration key "
                      + key.name()
                      + " is declared by "
                      + earlier
                      + " and by "
                      + source
                      + "; a key has one source");
            }
            add(key);
          }
        });
    for (String name : byName.keySet()) {
      if (sections.contains(name)) {
        throw new IllegalStateException("configuration key " + name + " is also a section");
      }
    }
  }

  private void add(ConfigKey key) {
    byName.put(key.name(), key);
    ConfigKey clash = byVariable.putIfAbsent(EnvironmentNames.of(key.name()), key);
    if (clash != null) {
      throw new IllegalStateException(
          "keys " + clash.name() + " and " + key.name() + " share one environment variable");
    }
    String name = key.name();
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      sections.add(name.substring(0, dot));
    }
  }

  /** The keys of the components on the class path (built once). */
  public static KnownKeys standard() {
    KnownKeys keys = standard;
    if (keys == null) {
      keys = new KnownKeys(standardSources());
      standard = keys;
    }
    return keys;
  }

  /** Keys from the given sources (label to keys with their full names). */
  static KnownKeys of(Map<String, List<ConfigKey>> bySource) {
    return new KnownKeys(bySource);
  }

  private static Map<String, List<ConfigKey>> standardSources() {
    Map<String, List<ConfigKey>> sources = new LinkedHashMap<>();
    sources.put("defaults.yaml", DefaultsFile.keys());
    for (FileStoreProvider p : ServiceLoader.load(FileStoreProvider.class)) {
      sources.put("store backend " + p.name(), under("store." + p.name(), p.configKeys()));
    }
    for (BlobStorageProvider p : ServiceLoader.load(BlobStorageProvider.class)) {
      sources.put("storage " + p.name(), under("storage." + p.name(), p.configKeys()));
    }
    sources.put("syncer", under("syncer", SyncerConfig.KEYS));
    return sources;
  }

  private static List<ConfigKey> under(String prefix, List<ConfigKey> keys) {
    return keys.stream().map(k -> k.under(prefix)).toList();
  }

  /** Every key, sorted by name. */
  public Collection<ConfigKey> all() {
    return byName.values();
  }

  /** The key named exactly {@code name}. */
  public Optional<ConfigKey> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether keys sit under {@code name} ({@code store}, {@code store.redis}). */
  public boolean isSection(String name) {
    return sections.contains(name);
  }

  /** The key an environment variable ({@code FILES_...}) sets, segments compared in any case. */
  public Optional<ConfigKey> forVariable(String variable) {
    return Optional.ofNullable(byVariable.get(EnvironmentNames.normalised(variable)));
  }

  /** The map key ({@link ConfigType#MAP}) whose variable {@code variable} extends, if any. */
  Optional<ConfigKey> mapAbove(String variable) {
    String normalised = EnvironmentNames.normalised(variable);
    return byName.values().stream()
        .filter(k -> k.type() == ConfigType.MAP)
        .filter(k -> normalised.startsWith(EnvironmentNames.of(k.name()) + "_"))
        .findFirst();
  }

  /** The defaults of every key as a configuration tree. */
  public JsonObject defaults() {
    return ConfigKey.defaults(List.copyOf(byName.values()));
  }

  /** The keys or sections closest to a name nobody declares, to suggest in a message. */
  List<String> closestNames(String unknown) {
    Map<String, String> candidates = new LinkedHashMap<>();
    byName.keySet().forEach(n -> candidates.put(n, n));
    sections.forEach(n -> candidates.put(n, n));
    return Suggestions.closest(unknown, candidates);
  }

  /** The keys whose variables are closest to a variable nobody declares. */
  List<ConfigKey> closestVariables(String unknown) {
    Map<String, String> candidates = new TreeMap<>();
    byVariable.forEach((variable, key) -> candidates.put(variable, key.name()));
    return Suggestions.closest(EnvironmentNames.normalised(unknown), candidates).stream()
        .map(byName::get)
        .toList();
  }
}
