package dev.files.store.query;

import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * The page of a list query cut from its matches: after the cursor, past the offset, the limit and
 * one record more (which only tells whether a next page exists, see {@link Page#of}).
 */
public final class PageWindow {
  private PageWindow() {}

  /** How many matches after the cursor a page needs: offset, limit and the one after them. */
  public static long need(ListQuery q) {
    return (long) q.offset() + q.limit() + 1;
  }

  /** The items of {@code afterCursor} (in order, all after the cursor) past the offset: a view. */
  public static <T> List<T> window(ListQuery q, List<T> afterCursor) {
    int from = Math.min(q.offset(), afterCursor.size());
    int to = (int) Math.min(from + (long) q.limit() + 1, afterCursor.size());
    return afterCursor.subList(from, to);
  }

  /** The page's matches and the one after them; sorts {@code matches} in the query's order. */
  public static List<FileRecord> pagePlusOne(ListQuery q, List<FileRecord> matches) {
    matches.sort(RecordOrder.comparator(q.sort()));
    List<FileRecord> rest =
        q.cursor() == null
            ? matches
            : matches.stream().filter(r -> RecordOrder.after(q.cursor(), r)).toList();
    return window(q, rest);
  }

  /** The query's page of every match, sorted here; the total is their number. */
  public static Page sortedPage(ListQuery q, List<FileRecord> matches) {
    List<FileRecord> all = new ArrayList<>(matches);
    return Page.of(q, pagePlusOne(q, all), all.size());
  }
}
