package dev.files.store;

import java.util.List;

/**
 * A run of the change feed.
 *
 * @param changes the entries after {@code since}, oldest first
 * @param last the seq to pass as {@code since} next time; the given {@code since} when empty
 */
public record ChangeBatch(List<Change> changes, String last) {
  public ChangeBatch {
    changes = List.copyOf(changes);
  }
}
