package dev.files.syncer.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a long command is: a bar with count, rate and ETA for a terminal, or a plain line for a
 * log. Pure functions of the numbers, so the rendering is tested without a terminal.
 */
public final class Progress {
  private static final int BAR_WIDTH = 30;

  private Progress() {}

  /**
   * A bar such as {@code backfill [#########.....] 45% 12,345/27,000 1,234/s ETA 0:12}; an unknown
   * total ({@code <= 0}) shows the count and rate only.
   */
  public static String bar(String label, long done, long total, long elapsedMillis) {
    double rate = rate(done, elapsedMillis);
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %,d  %,.0f/s", label, done, rate);
    }
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3.0f%% %,d/%,d  %,.0f/s  ETA %s",
        label,
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        fraction * 100,
        done,
        total,
        rate,
        eta(done, total, rate));
  }

  /**
   * The same facts as one plain line: {@code backfill: 12,345 of 27,000 (45%), 1,234/s, ETA 0:12}.
   */
  public static String line(String label, long done, long total, long elapsedMillis) {
    double rate = rate(done, elapsedMillis);
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s: %,d, %,.0f/s", label, done, rate);
    }
    return String.format(
        Locale.ROOT,
        "%s: %,d of %,d (%.0f%%), %,.0f/s, ETA %s",
        label,
        done,
        total,
        Math.min(100.0, 100.0 * done / total),
        rate,
        eta(done, total, rate));
  }

  static double rate(long done, long elapsedMillis) {
    return done / Math.max(0.001, elapsedMillis / 1000.0);
  }

  /** The time left at the current rate, {@code h:mm:ss} or {@code m:ss}; {@code ?} before any. */
  static String eta(long done, long total, double rate) {
    if (done >= total) {
      return "0:00";
    }
    if (rate <= 0) {
      return "?";
    }
    Duration left = Duration.ofSeconds((long) Math.ceil((total - done) / rate));
    long h = left.toHours();
    int m = left.toMinutesPart();
    int s = left.toSecondsPart();
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
