package dev.files.store;

import dev.files.model.FileRecord;
import java.util.List;

/**
 * One page of a list query.
 *
 * @param items the records, in the query's order
 * @param total how many records match the query, whatever the paging
 * @param next where the next page starts; null when this page is the last
 */
public record Page(List<FileRecord> items, long total, Cursor next) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page that a backend returns for {@code items} fetched with one record more than the limit:
   * that extra record only tells whether there is a next page.
   */
  public static Page of(ListQuery q, List<FileRecord> itemsPlusOne, long total) {
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
