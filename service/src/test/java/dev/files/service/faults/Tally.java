package dev.files.service.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one fault's requests got: per request kind the answers per HTTP status and the longest
 * answer time, and every answer that breaks the rules (the suite asserts there is none). Status
 * {@code 0} stands for no answer within the client's timeout (a hang). Thread-safe.
 */
final class Tally {
  private final String fault;
  private final Map<String, Map<Integer, Long>> byKind = new TreeMap<>();
  private final Map<String, Long> longestMs = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  Tally(String fault) {
    this.fault = fault;
  }

  String fault() {
    return fault;
  }

  synchronized void record(String kind, int status, long millis) {
    byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(status, 1L, Long::sum);
    longestMs.merge(kind, millis, Math::max);
  }

  synchronized void violation(String what) {
    if (violations.size() < 20) {
      violations.add(what);
    }
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized long count(String kind, int status) {
    return byKind.getOrDefault(kind, Map.of()).getOrDefault(status, 0L);
  }

  synchronized long total() {
    return byKind.values().stream().flatMap(m -> m.values().stream()).mapToLong(v -> v).sum();
  }

  synchronized long longestMs() {
    return longestMs.values().stream().mapToLong(v -> v).max().orElse(0);
  }

  synchronized long longestMs(String kind) {
    return longestMs.getOrDefault(kind, 0L);
  }

  /** A Markdown table: one row per request kind, one column per status seen, the longest time. */
  synchronized String table() {
    TreeSet<Integer> statuses = new TreeSet<>();
    byKind.values().forEach(m -> statuses.addAll(m.keySet()));
    StringBuilder out = new StringBuilder();
    out.append("fault: ").append(fault).append('\n');
    out.append("| request |");
    statuses.forEach(s -> out.append(' ').append(s == 0 ? "no answer" : s).append(" |"));
    out.append(" longest ms |\n|---|");
    statuses.forEach(s -> out.append("---|"));
    out.append("---|\n");
    byKind.forEach(
        (kind, counts) -> {
          out.append("| ").append(kind).append(" |");
          statuses.forEach(s -> out.append(' ').append(counts.getOrDefault(s, 0L)).append(" |"));
          out.append(' ').append(longestMs.get(kind)).append(" |\n");
        });
    return out.toString();
  }
}
