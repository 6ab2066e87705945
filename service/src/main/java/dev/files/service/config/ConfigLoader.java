package dev.files.service.config;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the effective configuration: defaults &lt; config file &lt; environment, over the keys the
 * components publish ({@link KnownKeys}).
 *
 * <p>Every value is coerced to its key's type. A file key or a {@code FILES_*} variable that names
 * no key, or a value that is not of its key's type, stops the load: all such problems are reported
 * together in one {@link FileError} of code {@code validation}, each naming the key or variable
 * (and the key probably meant). {@code ~} (null) in a file leaves the default.
 */
public final class ConfigLoader {
  /** The prefix of every environment variable the service reads. */
  public static final String ENV_PREFIX = EnvironmentNames.PREFIX;

  private ConfigLoader() {}

  /**
   * The effective configuration from the defaults, an optional file and the given environment.
   *
   * @throws FileError validation, listing every unknown key or variable and every bad value
   */
  public static ServiceConfig load(Path file, Map<String, String> env) {
    return load(KnownKeys.standard(), file, env);
  }

  static ServiceConfig load(KnownKeys keys, Path file, Map<String, String> env) {
    JsonObject config = keys.defaults();
    List<String> problems = new ArrayList<>();
    if (file != null) {
      applyFile(keys, config, readFile(file), "", file.toString(), problems);
    }
    applyEnvironment(keys, config, env, problems);
    if (!problems.isEmpty()) {
      throw FileError.validation(
          "invalid configuration: " + String.join("; ", problems), problems.toArray(String[]::new));
    }
    return new ServiceConfig(config);
  }

  /** The built-in defaults of every known key. */
  public static JsonObject defaults() {
    return KnownKeys.standard().defaults();
  }

  static JsonObject readFile(Path file) {
    try {
      return DefaultsFile.parse(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      throw FileError.validation("cannot read config file " + file + ": " + e.getMessage());
    }
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

  private static void applyFile(
      KnownKeys keys,
      JsonObject config,
      JsonObject tree,
      String prefix,
      String source,
      List<String> problems) {
    for (String field : tree.fieldNames()) {
      String name = prefix + field;
      Object value = tree.getValue(field);
      Optional<ConfigKey> key = keys.get(name);
      if (key.isPresent()) {
        set(config, key.get(), value, source, problems);
      } else if (keys.isSection(name) && value instanceof JsonObject section) {
        applyFile(keys, config, section, name + ".", source, problems);
      } else if (keys.isSection(name) && value != null) {
        problems.add(name + " (" + source + ") is a section: set the keys under it");
      } else if (!keys.isSection(name)) {
        problems.add("unknown key " + name + " in " + source + didYouMean(keys, name));
      }
    }
  }

  private static String didYouMean(KnownKeys keys, String name) {
    return didYouMean(keys.closestNames(name));
  }

  private static void applyEnvironment(
      KnownKeys keys, JsonObject config, Map<String, String> env, List<String> problems) {
    new TreeMap<>(env)
        .forEach(
            (variable, value) -> {
              if (!variable.startsWith(ENV_PREFIX)
                  || EnvironmentNames.NOT_KEYS.containsKey(variable)) {
                return;
              }
              keys.forVariable(variable)
                  .ifPresentOrElse(
                      key -> set(config, key, value, variable, problems),
                      () -> problems.add(unknownVariable(keys, variable)));
            });
  }

  private static String unknownVariable(KnownKeys keys, String variable) {
    String problem = "unknown variable " + variable;
    Optional<ConfigKey> map = keys.mapAbove(variable);
    if (map.isPresent()) {
      return problem
          + " ("
          + map.get().name()
          + " has free-form keys: set it whole, as a JSON object, in "
          + EnvironmentNames.of(map.get().name())
          + ")";
    }
    return problem
        + didYouMean(
            keys.closestVariables(variable).stream()
                .map(k -> EnvironmentNames.of(k.name()) + " (key " + k.name() + ")")
                .toList());
  }

  private static String didYouMean(List<String> suggestions) {
    return suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
  }

  private static void set(
      JsonObject config, ConfigKey key, Object raw, String source, List<String> problems) {
    if (raw == null) {
      return;
    }
    try {
      ConfigKey.put(config, key.name(), key.coerce(raw, source));
    } catch (FileError e) {
      problems.add(e.getMessage());
    }
  }
}
