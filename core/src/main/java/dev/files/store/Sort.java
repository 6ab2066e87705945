package dev.files.store;

import dev.files.model.Fields;
import java.util.Objects;

/**
 * Sort order of a list: one queryable field, ties broken by uploadId in the same direction. Records
 * missing the field sort as the smallest value: first ascending, last descending.
 */
public record Sort(String field, Direction direction) {
  public static final Sort DEFAULT = new Sort(Fields.DEFAULT_SORT, Direction.DESC);

  public Sort {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(direction, "direction");
  }

  public static Sort asc(String field) {
    return new Sort(field, Direction.ASC);
  }

  public static Sort desc(String field) {
    return new Sort(field, Direction.DESC);
  }
}
