package dev.files.service.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the name probably meant by a misspelt one: the closest by edit distance (case aside) when
 * it is close enough, else one with the same last segment (a key put in the wrong section), else
 * one it begins (a name cut short).
 */
final class Suggestions {
  private Suggestions() {}

  /**
   * @param candidates the forms to compare with (names or variables), each to what it suggests
   */
  static Optional<String> closest(String wanted, Map<String, String> candidates) {
    String w = wanted.toLowerCase(Locale.ROOT);
    int limit = Math.min(3, Math.max(2, w.length() / 5));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, String> c : candidates.entrySet()) {
      int d = distance(w, c.getKey().toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c.getValue();
      }
    }
    if (best != null && bestDistance <= limit) {
      return Optional.of(best);
    }
    String last = lastSegment(w);
    Optional<String> moved =
        candidates.entrySet().stream()
            .filter(c -> lastSegment(c.getKey().toLowerCase(Locale.ROOT)).equals(last))
            .map(Map.Entry::getValue)
            .findFirst();
    if (moved.isPresent()) {
      return moved;
    }
    return candidates.entrySet().stream()
        .filter(c -> c.getKey().toLowerCase(Locale.ROOT).startsWith(w))
        .map(Map.Entry::getValue)
        .findFirst();
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
