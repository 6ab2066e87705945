package dev.files.store;

import dev.files.model.FileRecord;
import java.util.List;

/**
 * One page of a list query.
 *
 * @param items the records, in the query's order
 * @param total how many records match the query, whatever the paging; {@link #UNCOUNTED} when the
 *     query did not ask for it ({@link ListQuery#countTotal()} false)
 * @param next where the next page starts; null when this page is the last
 */
public record Page(List<FileRecord> items, long total, Cursor next) {
  /** The {@link #total()} of a page whose query did not count it. */
  public static final long UNCOUNTED = -1;

  public Page {
    items = List.copyOf(items);
    if (total < UNCOUNTED) {
      throw new IllegalArgumentException("total " + total);
    }
  }

  /** Whether {@link #total()} is the exact count of matches (the query asked for it). */
  public boolean counted() {
    return total != UNCOUNTED;
  }

  /**
   * The page that a backend returns for {@code items} fetched with one record more than the limit:
   * that extra record only tells whether there is a next page. {@code total} is dropped (the page
   * is {@link #UNCOUNTED}) when the query did not ask for it, so a backend may pass what it has.
   */
  public static Page of(ListQuery q, List<FileRecord> itemsPlusOne, long total) {
    if (!q.countTotal()) {
      total = UNCOUNTED;
    }
    long before = (q.cursor() == null ? 0 : q.cursor().position()) + q.offset();
    if (itemsPlusOne.size() <= q.limit()) {
      return new Page(itemsPlusOne, total, null);
    }
    List<FileRecord> items = itemsPlusOne.subList(0, q.limit());
    FileRecord last = items.get(items.size() - 1);
    Cursor next =
        new Cursor(q.sort(), last.field(q.sort().field()), last.uploadId(), before + items.size());
    return new Page(items, total, next);
  }
}
