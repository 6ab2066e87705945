package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Paging: offsets, keyset cursors (every record exactly once, in order, stable while records are
 * inserted and deleted around the cursor), exact totals, and cursors tied to their sort.
 */
public interface PagingContract extends ContractSupport {

  /**
   * Thirty listed records {@code p00..p29} of two owners with ties and missing values: name cycles
   * a, b, c, missing; contentLength has five values; c_k is missing on every fourth; processedAt is
   * missing on every third; uploadedAt has eleven values.
   */
  private List<FileRecord> pageable() {
    List<FileRecord> rows = new ArrayList<>();
    String[] names = {"a", "b", "c", null};
    for (int i = 0; i < 30; i++) {
      FileRecord.Builder b =
          Records.processed(i % 2 == 0 ? "ann" : "bob", names[i % 4])
              .uploadId(String.format("p%02d", i))
              .contentLength((i * 7L) % 5 * 100)
              .uploadedAt(Records.T0 + (i * 37L % 11) * 1_000)
              .processedAt(i % 3 == 0 ? null : Records.T0 + i * 10_000L)
              .isPublic(i % 5 != 0);
      if (i % 4 != 0) {
        b.custom("c_k", (i * 13) % 17 + (i % 2 == 0 ? 0.5 : 0));
      }
      rows.add(b.build());
    }
    return createAll(rows);
  }

  private static List<Sort> sorts() {
    return List.of(
        Sort.DEFAULT,
        Sort.asc("name"),
        Sort.desc("name"),
        Sort.asc("contentLength"),
        Sort.desc("c_k"),
        Sort.asc("processedAt"),
        Sort.desc("uploadId"));
  }

  @Test
  default void offsetPagesConcatenateToTheWholeResult() {
    pageable();
    ListQuery q = ListQuery.listed().withSort(Sort.asc("contentLength"));
    List<String> whole = ids(q.withLimit(ALL));
    assertEquals(30, whole.size());
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      Page page = list(q.withOffset(offset).withLimit(10));
      assertEquals(30, page.total());
      assertEquals(10, page.items().size());
      paged.addAll(ContractSupport.uploadIds(page.items()));
      assertEquals(offset + 10 < 30, page.next() != null, "next after offset " + offset);
    }
    assertEquals(whole, paged);
    assertEquals(whole.subList(7, 11), ids(q.withOffset(7).withLimit(4)));
    assertEquals(whole.subList(25, 30), ids(q.withOffset(25).withLimit(10)));
  }

  @Test
  default void anOffsetPastTheEndGivesAnEmptyPageWithTheTotal() {
    pageable();
    Page page = list(ListQuery.listed().withOffset(30).withLimit(10));
    assertEquals(List.of(), page.items());
    assertEquals(30, page.total());
    assertNull(page.next());
    assertEquals(30, list(ListQuery.listed().withOffset(1000)).total());
  }

  @Test
  default void theLastPageHasNoNextEvenWhenItIsFull() {
    pageable();
    Page page = list(ListQuery.listed().withOffset(20).withLimit(10));
    assertEquals(10, page.items().size());
    assertNull(page.next());
    Page one = list(ListQuery.listed().withLimit(30));
    assertEquals(30, one.items().size());
    assertNull(one.next());
  }

  @Test
  default void anEmptyStoreListsAnEmptyPage() {
    Page page = list(ListQuery.listed());
    assertEquals(List.of(), page.items());
    assertEquals(0, page.total());
    assertNull(page.next());
  }

  @Test
  default void cursorsWalkEveryRecordExactlyOnceInOrder() {
    pageable();
    for (Sort sort : sorts()) {
      ListQuery q = ListQuery.listed().withSort(sort);
      List<String> whole = ids(q.withLimit(ALL));
      for (int limit : new int[] {3, 7}) {
        assertEquals(whole, walk(q.withLimit(limit)), sort + " by " + limit);
      }
    }
  }

  @Test
  default void cursorsWalkOneRecordAtATime() {
    pageable();
    ListQuery q = ListQuery.listed().withSort(Sort.asc("processedAt"));
    assertEquals(ids(q.withLimit(ALL)), walk(q.withLimit(1)));
  }

  @Test
  default void cursorsWalkAFilteredSelection() {
    pageable();
    ListQuery q =
        ListQuery.listed()
            .withOwner("ann")
            .withFilter(Filter.of("c_k", Op.GT, 4))
            .withSort(Sort.asc("c_k"));
    List<String> whole = ids(q.withLimit(ALL));
    assertTrue(whole.size() > 5, "the data set gives the filter something to page");
    assertEquals(whole, walk(q.withLimit(4)));
    ListQuery pub = ListQuery.listed().withPublicOnly(true).withSort(Sort.desc("name"));
    assertEquals(ids(pub.withLimit(ALL)), walk(pub.withLimit(5)));
  }

  @Test
  default void everyPageReportsTheExactTotal() {
    pageable();
    ListQuery q =
        ListQuery.listed().withFilter(Filter.of("contentLength", Op.GTE, 200)).withLimit(4);
    long expected = ids(q.withLimit(ALL)).size();
    for (ListQuery page = q; page != null; ) {
      Page p = list(page);
      assertEquals(expected, p.total());
      page = page.next(p);
    }
    assertEquals(30, list(ListQuery.listed().withLimit(1)).total());
    assertEquals(15, list(ListQuery.listed().withOwner("ann").withLimit(1)).total());
  }

  /**
   * A query that does not ask for the total ({@code countTotal} false, as files.sync pages) gets
   * the same records in the same pages, each page {@link Page#UNCOUNTED}; the default counts.
   */
  @Test
  default void pagesWithoutTotalHoldTheSameRecordsAndNoCount() {
    pageable();
    List<ListQuery> queries = new ArrayList<>();
    for (Sort sort : sorts()) {
      queries.add(ListQuery.listed().withSort(sort).withLimit(4));
    }
    queries.add(
        ListQuery.listed()
            .withOwner("ann")
            .withFilter(Filter.of("contentLength", Op.GTE, 200))
            .withSort(Sort.asc("contentLength"))
            .withLimit(3));
    queries.add(
        ListQuery.listed()
            .withFilter(Filter.of("name", Op.MATCH, "b"))
            .withSort(Sort.desc("uploadedAt"))
            .withLimit(2));
    for (ListQuery q : queries) {
      assertTrue(q.countTotal(), "a query counts its total unless told otherwise");
      List<String> counted = walk(q);
      List<String> uncounted = new ArrayList<>();
      for (ListQuery page = q.withCountTotal(false); page != null; ) {
        Page p = list(page);
        assertEquals(Page.UNCOUNTED, p.total(), "total of " + page);
        assertFalse(p.counted());
        uncounted.addAll(ContractSupport.uploadIds(p.items()));
        assertTrue(uncounted.size() <= 30, "paging does not end: " + uncounted);
        page = page.next(p);
      }
      assertEquals(counted, uncounted, q.toString());
      assertEquals(ids(q.withOffset(5)), ids(q.withOffset(5).withCountTotal(false)), "offset " + q);
    }
  }

  /**
   * The shape of files.sync's scans: every record (scope ALL), one status, not soft-deleted, by
   * startedAt, without totals; pending, deleted and other records around them are skipped.
   */
  @Test
  default void aSyncScanWithoutTotalFindsEveryCandidateOnce() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      FileRecord.Builder b =
          (i % 3 == 0 ? Records.pending("ann", "n") : Records.processed("bob", "n"))
              .uploadId(String.format("s%02d", i))
              .startedAt(Records.T0 + (i * 7L % 5) * 1_000);
      if (i % 4 == 1) {
        b.deletedAt(Records.T0 + 9_000);
      }
      rows.add(b.build());
    }
    createAll(rows);
    ListQuery q =
        new ListQuery(
            Scope.ALL,
            null,
            false,
            List.of(),
            Filter.all(Filter.eq("status", "processed"), Filter.of("deletedAt", Op.EXISTS, false)),
            Sort.asc("startedAt"),
            0,
            3,
            null,
            false);
    List<String> expected = ids(q.withCountTotal(true).withLimit(ALL));
    assertEquals(12, expected.size(), "16 processed, 4 of them soft-deleted");
    assertEquals(expected, walk(q));
  }

  @Test
  default void theCursorCountsTheRecordsBeforeTheNextPage() {
    pageable();
    ListQuery q = ListQuery.listed().withLimit(8);
    Page first = list(q);
    assertEquals(8, first.next().position());
    Page second = list(q.next(first));
    assertEquals(16, second.next().position());
    Page skipped = list(q.withOffset(3));
    assertEquals(11, skipped.next().position());
  }

  @Test
  default void anOffsetAfterACursorSkipsRecordsAfterIt() {
    pageable();
    ListQuery q = ListQuery.listed().withSort(Sort.asc("name")).withLimit(5);
    List<String> whole = ids(q.withLimit(ALL));
    Page first = list(q);
    assertEquals(whole.subList(7, 12), ids(q.next(first).withOffset(2)));
  }

  @Test
  default void anEncodedCursorContinuesLikeTheOriginal() {
    pageable();
    ListQuery q = ListQuery.listed().withSort(Sort.desc("c_k")).withLimit(6);
    Page first = list(q);
    Cursor decoded = Cursor.decode(first.next().encode());
    assertEquals(ids(q.next(first)), ids(q.withCursor(decoded)));
  }

  @Test
  default void aCursorOfAnotherSortIsAValidationError() {
    pageable();
    ListQuery q = ListQuery.listed().withSort(Sort.asc("name")).withLimit(5);
    Cursor c = list(q).next();
    FileError e = assertThrows(FileError.class, () -> q.withSort(Sort.desc("name")).withCursor(c));
    assertEquals(ErrorCode.VALIDATION, e.code());
    FileError other =
        assertThrows(
            FileError.class,
            () -> ListQuery.listed().withSort(Sort.asc("contentLength")).withCursor(c));
    assertEquals(ErrorCode.VALIDATION, other.code());
  }

  /**
   * A cursor is a keyset position: records inserted before it never show up on later pages, records
   * inserted after it do, and every original record appears exactly once.
   */
  @Test
  default void cursorsAreStableWhileRecordsAreInsertedAroundThem() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      rows.add(
          Records.processed("ann", "x")
              .uploadId(String.format("k%02d", i))
              .custom("c_k", i * 10)
              .build());
    }
    createAll(rows);
    ListQuery q = ListQuery.listed().withSort(Sort.asc("c_k")).withLimit(5);
    Page first = list(q);
    assertEquals(
        List.of("k01", "k02", "k03", "k04", "k05"), ContractSupport.uploadIds(first.items()));
    createAll(
        List.of(
            Records.processed("ann", "x").uploadId("a-before").custom("c_k", 15).build(),
            Records.processed("ann", "x").uploadId("k04b").custom("c_k", 50).build(),
            Records.processed("ann", "x").uploadId("k05b").custom("c_k", 50).build(),
            Records.processed("ann", "x").uploadId("z-after").custom("c_k", 55).build(),
            Records.processed("ann", "x").uploadId("z-last").custom("c_k", 999).build()));
    List<String> rest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ListQuery next = q.next(first);
    int pages = 0;
    while (next != null) {
      Page p = list(next);
      for (String id : ContractSupport.uploadIds(p.items())) {
        assertTrue(seen.add(id), id + " seen twice");
        rest.add(id);
      }
      assertTrue(pages < 20, "cursor paging does not end: " + rest);
      if (pages++ == 0) {
        createAll(
            List.of(
                Records.processed("ann", "x").uploadId("b-before").custom("c_k", 20).build(),
                Records.processed("ann", "x").uploadId("z-later").custom("c_k", 185).build()));
      }
      next = next.next(p);
    }
    assertEquals(
        List.of(
            "k05b", "z-after", "k06", "k07", "k08", "k09", "k10", "k11", "k12", "k13", "k14", "k15",
            "k16", "k17", "k18", "z-later", "k19", "k20", "z-last"),
        rest);
  }

  @Test
  default void cursorsSurviveTheDeletionOfTheRecordTheyPointAt() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      rows.add(
          Records.processed("ann", "x")
              .uploadId(String.format("k%02d", i))
              .custom("c_k", i)
              .build());
    }
    createAll(rows);
    ListQuery q = ListQuery.listed().withSort(Sort.desc("c_k")).withLimit(4);
    Page first = list(q);
    assertEquals(List.of("k12", "k11", "k10", "k09"), ContractSupport.uploadIds(first.items()));
    await(store().delete("k09", 1));
    await(store().delete("k08", 1));
    FileRecord k05 = get("k05");
    update(k05.toBuilder().unlisted(true).build());
    assertEquals(List.of("k07", "k06", "k04", "k03", "k02", "k01"), walk(q.next(first)));
  }

  @Test
  default void aRecordWhoseSortValueChangesIsFoundAtItsNewPlace() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      rows.add(
          Records.processed("ann", "x")
              .uploadId(String.format("k%02d", i))
              .custom("c_k", i)
              .build());
    }
    createAll(rows);
    ListQuery q = ListQuery.listed().withSort(Sort.asc("c_k")).withLimit(3);
    Page first = list(q);
    FileRecord k02 = get("k02");
    update(k02.toBuilder().custom("c_k", 100).build());
    FileRecord k09 = get("k09");
    update(k09.toBuilder().custom("c_k", 0).build());
    List<String> rest = walk(q.next(first));
    assertEquals(List.of("k04", "k05", "k06", "k07", "k08", "k10", "k02"), rest);
    assertFalse(rest.contains("k09"));
    assertNotNull(first.next());
    assertEquals(Direction.ASC, first.next().sort().direction());
  }

  /** The reconciler's and syncer's scans: scope ALL, internal fields, every record once. */
  @Test
  default void maintenanceScansWalkEveryRecordOfScopeAll() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      FileRecord.Builder b =
          i % 3 == 0
              ? Records.pending("ann", "p" + i)
              : Records.uploaded(i % 2 == 0 ? "ann" : "bob", "u" + i);
      rows.add(
          b.uploadId(String.format("m%02d", i))
              .updatedAt(Records.T0 + (i % 7) * 1_000)
              .temp(i % 5 == 0)
              .deletedAt(i % 4 == 0 ? Records.T0 : null)
              .build());
    }
    createAll(rows);
    ListQuery scan =
        ListQuery.all()
            .withFilter(
                Filter.all(
                    Filter.of("status", Op.SOME, List.of("pending", "uploaded")),
                    Filter.of("updatedAt", Op.LT, Records.T0 + 5_000)))
            .withSort(Sort.asc("updatedAt"));
    List<String> whole = ids(scan.withLimit(ALL));
    assertEquals(
        rows.stream().filter(r -> r.updatedAt() < Records.T0 + 5_000).count(), whole.size());
    assertEquals(whole, walk(scan.withLimit(3)));
    assertEquals(20, walk(ListQuery.all().withSort(Sort.asc("uploadId")).withLimit(6)).size());
  }
}
