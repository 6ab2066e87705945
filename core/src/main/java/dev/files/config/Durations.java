package dev.files.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in configuration: a number with a unit ({@code 250ms}, {@code 90s}, {@code 5m}, {@code
 * 24h}, {@code 30d}); a bare number means seconds.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)?\\s*");

  private Durations() {}

  /** Whether {@code value} is a number of seconds or a text of the form above. */
  public static boolean isDuration(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue() == n.longValue() && n.longValue() >= 0;
    }
    return value instanceof String s && FORM.matcher(s).matches();
  }

  /**
   * The duration {@code value} stands for.
   *
   * @throws IllegalArgumentException when it is not a duration
   */
  public static Duration parse(Object value) {
    if (value instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    Matcher m = FORM.matcher(String.valueOf(value));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a duration: '" + value + "' (use e.g. 250ms, 90s, 5m, 24h, 30d)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
