package dev.files.bench;

import java.util.Arrays;

/** Order statistics of a set of durations in nanoseconds, reported in milliseconds. */
public final class Stats {
  private final long[] sorted;

  public Stats(long[] nanos) {
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The q-quantile (nearest rank) in ms; 0 when empty. */
  public double quantileMs(double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  public double medianMs() {
    return quantileMs(0.5);
  }

  public double p99Ms() {
    return quantileMs(0.99);
  }

  public double maxMs() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
  }

  /** A duration in ms with a precision that suits its size. */
  public static String ms(double ms) {
    return ms >= 100 ? String.format("%.0f", ms) : String.format("%.2f", ms);
  }
}
