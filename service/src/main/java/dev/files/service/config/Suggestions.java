package dev.files.service.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the names probably meant by a misspelt one: the closest by edit distance (case aside) when
 * close enough, else those with the same last segment (a key put in the wrong section), else the
 * one name it begins (a name cut short).
 */
final class Suggestions {
  private Suggestions() {}

  /**
   * The names probably meant, best first; empty when none is close.
   *
   * @param candidates the forms to compare with (names or variables), each to what it suggests
   */
  static List<String> closest(String wanted, Map<String, String> candidates) {
    String w = wanted.toLowerCase(Locale.ROOT);
    int limit = Math.min(3, Math.max(2, w.length() / 5));
    int best =
        candidates.keySet().stream()
            .mapToInt(c -> distance(w, c.toLowerCase(Locale.ROOT)))
            .min()
            .orElse(Integer.MAX_VALUE);
    if (best <= limit) {
      return matching(candidates, c -> distance(w, c) == best);
    }
    String last = lastSegment(w);
    List<String> moved = matching(candidates, c -> lastSegment(c).equals(last));
    if (!moved.isEmpty()) {
      return moved;
    }
    List<String> cutShort = matching(candidates, c -> c.startsWith(w));
    return cutShort.size() == 1 ? cutShort : List.of();
  }

  /** What the candidates whose lower-cased form passes {@code test} suggest, without repeats. */
  private static List<String> matching(Map<String, String> candidates, Predicate<String> test) {
    return candidates.entrySet().stream()
        .filter(c -> test.test(c.getKey().toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getValue)
        .distinct()
        .toList();
  }

  private static String lastSegment(String name) {
    int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('_'));
    return name.substring(cut + 1);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
