package dev.files.service.config;

import java.time.Duration;

/**
 * Durations in configuration: a number with a unit ({@code 250ms}, {@code 90s}, {@code 5m}, {@code
 * 24h}, {@code 30d}); a bare number means seconds. The form is {@link
 * dev.files.config.Durations}'s, which also checks a duration key's value at load.
 */
public final class Durations {
  private Durations() {}

  public static Duration parse(Object value) {
    return dev.files.config.Durations.parse(value);
  }
}
