package dev.files.store;

import dev.files.error.FileError;
import java.util.List;
import java.util.Objects;

/**
 * A list query, backend-neutral. Visibility first ({@link Scope}, {@code owner}, {@code
 * publicOnly}), then tags (all must be present) and the filter tree; ordered by {@code sort}; paged
 * by {@code cursor} (start strictly after it) and then {@code offset}, at most {@code limit}
 * records.
 *
 * @param scope which records are looked at at all; default {@link Scope#LISTED}
 * @param owner only this owner's records; null for every owner
 * @param publicOnly only records that are public and not direct-only
 * @param tags records carrying every one of these tags
 * @param filter the filter tree; {@link Filter#TRUE} for none
 * @param sort the order; default uploadedAt DESC
 * @param offset records to skip (after the cursor, if any); default 0
 * @param limit records per page, at least 1; default 10
 * @param cursor where the previous page ended; null for the first page
 * @param countTotal whether the page carries the exact {@link Page#total()}; default true
 *     (files.list answers with it). Internal paging (files.sync, reports) turns it off: counting
 *     every match can cost as much as reading them all, on every page, while a page without it
 *     costs what its records cost.
 */
public record ListQuery(
    Scope scope,
    String owner,
    boolean publicOnly,
    List<String> tags,
    Filter filter,
    Sort sort,
    int offset,
    int limit,
    Cursor cursor,
    boolean countTotal) {

  public static final int DEFAULT_LIMIT = 10;

  public ListQuery {
    Objects.requireNonNull(scope, "scope");
    tags = tags == null ? List.of() : List.copyOf(tags);
    filter = filter == null ? Filter.TRUE : filter;
    sort = sort == null ? Sort.DEFAULT : sort;
    if (offset < 0 || limit < 1) {
      throw FileError.validation("offset must be >= 0 and limit >= 1");
    }
    if (cursor != null && !cursor.sort().equals(sort)) {
      throw FileError.validation("the cursor belongs to another sort order");
    }
  }

  /** A query that counts its total. */
  public ListQuery(
      Scope scope,
      String owner,
      boolean publicOnly,
      List<String> tags,
      Filter filter,
      Sort sort,
      int offset,
      int limit,
      Cursor cursor) {
    this(scope, owner, publicOnly, tags, filter, sort, offset, limit, cursor, true);
  }

  /** The default query: listed records of every owner, newest upload first, 10 a page. */
  public static ListQuery listed() {
    return new ListQuery(
        Scope.LISTED, null, false, List.of(), Filter.TRUE, Sort.DEFAULT, 0, DEFAULT_LIMIT, null);
  }

  /** Every record, for maintenance scans. */
  public static ListQuery all() {
    return new ListQuery(
        Scope.ALL, null, false, List.of(), Filter.TRUE, Sort.DEFAULT, 0, DEFAULT_LIMIT, null);
  }

  public ListQuery withScope(Scope v) {
    return new ListQuery(
        v, owner, publicOnly, tags, filter, sort, offset, limit, cursor, countTotal);
  }

  public ListQuery withOwner(String v) {
    return new ListQuery(
        scope, v, publicOnly, tags, filter, sort, offset, limit, cursor, countTotal);
  }

  public ListQuery withPublicOnly(boolean v) {
    return new ListQuery(scope, owner, v, tags, filter, sort, offset, limit, cursor, countTotal);
  }

  public ListQuery withTags(List<String> v) {
    return new ListQuery(
        scope, owner, publicOnly, v, filter, sort, offset, limit, cursor, countTotal);
  }

  public ListQuery withFilter(Filter v) {
    return new ListQuery(
        scope, owner, publicOnly, tags, v, sort, offset, limit, cursor, countTotal);
  }

  public ListQuery withSort(Sort v) {
    return new ListQuery(
        scope, owner, publicOnly, tags, filter, v, offset, limit, cursor, countTotal);
  }

  public ListQuery withOffset(int v) {
    return new ListQuery(
        scope, owner, publicOnly, tags, filter, sort, v, limit, cursor, countTotal);
  }

  public ListQuery withLimit(int v) {
    return new ListQuery(
        scope, owner, publicOnly, tags, filter, sort, offset, v, cursor, countTotal);
  }

  public ListQuery withCursor(Cursor v) {
    return new ListQuery(
        scope, owner, publicOnly, tags, filter, sort, offset, limit, v, countTotal);
  }

  public ListQuery withCountTotal(boolean v) {
    return new ListQuery(scope, owner, publicOnly, tags, filter, sort, offset, limit, cursor, v);
  }

  /** The same query for the page after {@code page}, or null when there is none. */
  public ListQuery next(Page page) {
    return page.next() == null ? null : withOffset(0).withCursor(page.next());
  }
}
