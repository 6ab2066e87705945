package dev.files.store.redis;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trigrams of record names, for the substring filter ({@code name match text}). The reference
 * semantics compare lower-cased text ({@code Locale.ROOT}), char by char; so grams are runs of
 * three UTF-16 chars of the lower-cased name. When a name contains the text, it contains every gram
 * of the text: the intersection of the text's gram sets holds every match (and some records that
 * only share the grams, which the matcher then drops). Texts shorter than three chars have no grams
 * and are scanned.
 */
final class NameGrams {
  static final int N = 3;

  /** At most this many of a text's grams are used as required sets: more only narrow less. */
  static final int MAX_QUERY_GRAMS = 6;

  private NameGrams() {}

  /** The distinct grams of a name (or of a search text), in order of first occurrence. */
  static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text == null) {
      return out;
    }
    String s = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i + N <= s.length(); i++) {
      out.add(s.substring(i, i + N));
    }
    return out;
  }

  /** The grams a query on {@code text} intersects: spread over the text, at most a few. */
  static Set<String> forQuery(String text) {
    Set<String> all = of(text);
    if (all.size() <= MAX_QUERY_GRAMS) {
      return all;
    }
    String[] grams = all.toArray(String[]::new);
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < MAX_QUERY_GRAMS; i++) {
      out.add(grams[(int) ((long) i * (grams.length - 1) / (MAX_QUERY_GRAMS - 1))]);
    }
    return out;
  }
}
