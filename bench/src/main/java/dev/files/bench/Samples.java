package dev.files.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list of measured values (entries, milliseconds, rates) and its nearest-rank quantiles. */
final class Samples {
  private final List<Double> values = new ArrayList<>();

  synchronized void add(double v) {
    values.add(v);
  }

  synchronized int count() {
    return values.size();
  }

  /** The q-quantile (nearest rank); 0 when empty. */
  synchronized double quantile(double q) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  synchronized double max() {
    return values.isEmpty() ? 0 : Collections.max(values);
  }

  synchronized double mean() {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** {@code p50 x, p99 y, max z} with the given format for each value. */
  String summary(String format) {
    return "p50 "
        + String.format(format, quantile(0.5))
        + ", p99 "
        + String.format(format, quantile(0.99))
        + ", max "
        + String.format(format, max());
  }
}
