package dev.files.service.config;

import java.util.Locale;
import java.util.Map;

/**
 * How environment variables name configuration keys: key {@code a.bC.d} is {@code FILES_A_BC_D}
 * (each dot an underscore, segments compared without regard to case), and the few {@code FILES_*}
 * variables that are not keys.
 */
public final class EnvironmentNames {
  /** The prefix of every environment variable the service reads. */
  public static final String PREFIX = "FILES_";

  /**
   * Variables with the prefix that are read elsewhere, not keys: the loader leaves them alone
   * instead of refusing them. Documented in docs/configuration.md.
   */
  public static final Map<String, String> NOT_KEYS =
      Map.of(
          "FILES_JAVA_OPTS", "JVM options the ./files script passes to java",
          "FILES_LOG_LEVEL", "root log level, read by the bundled logback.xml");

  private EnvironmentNames() {}

  /** The variable that sets {@code key}. */
  public static String of(String key) {
    return PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** {@code variable} in the form {@link #of} produces: the part after the prefix upper-cased. */
  static String normalised(String variable) {
    return PREFIX + variable.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
  }
}
