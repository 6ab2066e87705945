package dev.files.store.query;

import dev.files.store.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one walk over a filter tree that backends need to plan a query: its top-level conjuncts
 * (nested ANDs flattened) and the fields it names. Translating the tree into a backend's own
 * language stays with the backend.
 */
public final class FilterTerms {
  private FilterTerms() {}

  /**
   * The filters every match must satisfy: the top-level AND with nested ANDs flattened, each a
   * {@link Filter.Condition} or a {@link Filter.AnyMatch}. Empty for a filter that holds for every
   * record.
   */
  public static List<Filter> conjuncts(Filter filter) {
    List<Filter> out = new ArrayList<>();
    addConjuncts(filter, out);
    return out;
  }

  /** Whether the filter holds for every record (no conjunct at all). */
  public static boolean isTrue(Filter filter) {
    return conjuncts(filter).isEmpty();
  }

  /** The fields the filter reads, in the order it names them. */
  public static Set<String> fields(Filter filter) {
    Set<String> out = new LinkedHashSet<>();
    for (Filter each : conjuncts(filter)) {
      if (each instanceof Filter.AnyMatch any) {
        out.addAll(any.fields());
      } else if (each instanceof Filter.Condition c) {
        out.add(c.field());
      }
    }
    return out;
  }

  private static void addConjuncts(Filter filter, List<Filter> out) {
    if (filter instanceof Filter.All all) {
      all.filters().forEach(each -> addConjuncts(each, out));
    } else {
      out.add(filter);
    }
  }
}
