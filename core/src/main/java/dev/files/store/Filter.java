package dev.files.store;

import java.util.List;
import java.util.Objects;

/**
 * The filter tree of a list query. Backends translate it (SQL, Mango, index intersections); the
 * in-memory evaluator in {@code dev.files.store.query} is the reference for its meaning.
 */
public sealed interface Filter permits Filter.All, Filter.Condition, Filter.AnyMatch {

  /** Matches every record. */
  Filter TRUE = new All(List.of());

  /** Every filter must hold (an empty list holds for every record). */
  record All(List<Filter> filters) implements Filter {
    public All {
      filters = List.copyOf(filters);
    }
  }

  /**
   * One operator on one field. {@code value}: a String, Long, Double or Boolean for the comparing
   * operators, a Boolean for EXISTS and ISEMPTY, a list of those for SOME.
   */
  record Condition(String field, Op op, Object value) implements Filter {
    public Condition {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
      if (op == Op.SOME) {
        value = ((List<?>) value).stream().map(dev.files.model.Fields::normalize).toList();
      } else {
        value = dev.files.model.Fields.normalize(value);
      }
    }
  }

  /** {@code #multi}: a case-insensitive substring of at least one of the fields' string values. */
  record AnyMatch(List<String> fields, String text) implements Filter {
    public AnyMatch {
      fields = List.copyOf(fields);
      Objects.requireNonNull(text, "text");
    }
  }

  static Filter all(Filter... filters) {
    return new All(List.of(filters));
  }

  static Filter eq(String field, Object value) {
    return new Condition(field, Op.EQ, value);
  }

  static Filter of(String field, Op op, Object value) {
    return new Condition(field, op, value);
  }
}
