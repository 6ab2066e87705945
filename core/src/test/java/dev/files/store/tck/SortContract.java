package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Sort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order: every built-in filterable field and custom fields, both directions; missing values sort
 * smallest (first ascending, last descending); ties by uploadId in the same direction, so a
 * descending order is exactly the reverse of the ascending one. Strings are lowercase ASCII here.
 */
public interface SortContract extends ContractSupport {

  /**
   * Asserts the ascending order of the listed records by {@code field}, its exact reverse
   * descending, and that a short page is the head of each (a top-k must be right, too).
   */
  private void assertOrder(String field, List<String> ascending) {
    List<String> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);
    ListQuery q = ListQuery.listed().withLimit(ALL);
    assertEquals(ascending, ids(q.withSort(Sort.asc(field))), field + " ASC");
    assertEquals(descending, ids(q.withSort(Sort.desc(field))), field + " DESC");
    assertEquals(ascending.subList(0, 3), ids(q.withSort(Sort.asc(field)).withLimit(3)), field);
    assertEquals(descending.subList(0, 3), ids(q.withSort(Sort.desc(field)).withLimit(3)), field);
  }

  private static FileRecord.Builder row(String id, String owner, String name, Status status) {
    return Records.processed(owner, name).uploadId(id).status(status);
  }

  /** Eight listed records, created out of order, with ties and missing values in most fields. */
  private void sortable() {
    long t = Records.T0;
    createAll(
        List.of(
            row("s5", "bob", "apple", Status.PROCESSED)
                .description("alpha")
                .website("https://c.example")
                .uploadType("doc")
                .contentLength(7000)
                .partCount(2)
                .startedAt(t + 2)
                .uploadedAt(t + 90)
                .processedAt(t + 100)
                .build(),
            row("s2", "ann", "apple", Status.UPLOADED)
                .description("")
                .alias("kiwi")
                .contentLength(100)
                .partCount(2)
                .startedAt(t + 1)
                .uploadedAt(t + 20)
                .processedAt(null)
                .build(),
            row("s8", "dan", "banana", Status.PROCESSED)
                .description("")
                .website("https://b.example")
                .alias("apple")
                .uploadType("video")
                .contentLength(100)
                .partCount(1)
                .startedAt(t + 1)
                .uploadedAt(t + 70)
                .processedAt(t + 200)
                .isPublic(true)
                .build(),
            row("s1", "bob", "pear", Status.PROCESSED)
                .website("https://b.example")
                .uploadType("image")
                .contentLength(300)
                .partCount(1)
                .startedAt(t + 5)
                .uploadedAt(t + 50)
                .processedAt(t + 500)
                .isPublic(true)
                .build(),
            row("s7", "ann", null, Status.UPLOADED)
                .description("gamma")
                .uploadType("image")
                .contentLength(0)
                .partCount(4)
                .startedAt(t + 7)
                .uploadedAt(null)
                .processedAt(null)
                .build(),
            row("s3", "cat", "fig", Status.FAILED)
                .description("zeta")
                .website("https://a.example")
                .alias("lime")
                .uploadType("video")
                .contentLength(300)
                .partCount(3)
                .startedAt(t + 3)
                .uploadedAt(t + 30)
                .processedAt(t + 300)
                .isPublic(true)
                .directOnly(true)
                .build(),
            row("s6", "cat", "date", Status.PROCESSED)
                .description("beta")
                .website("https://a.example")
                .alias("date")
                .contentLength(100)
                .partCount(1)
                .startedAt(t + 3)
                .uploadedAt(t + 30)
                .processedAt(t + 600)
                .isPublic(true)
                .build(),
            row("s4", "ann", "pear", Status.PROCESSING)
                .description("beta")
                .alias("fig")
                .uploadType("image")
                .contentLength(50)
                .partCount(1)
                .startedAt(t + 9)
                .uploadedAt(t + 10)
                .processedAt(null)
                .directOnly(true)
                .build()));
  }

  @Test
  default void sortByUploadId() {
    sortable();
    assertOrder("uploadId", List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"));
  }

  @Test
  default void sortByOwner() {
    sortable();
    assertOrder("owner", List.of("s2", "s4", "s7", "s1", "s5", "s3", "s6", "s8"));
  }

  @Test
  default void sortByName() {
    sortable();
    assertOrder("name", List.of("s7", "s2", "s5", "s8", "s6", "s3", "s1", "s4"));
  }

  @Test
  default void sortByDescriptionPutsMissingBeforeEmpty() {
    sortable();
    assertOrder("description", List.of("s1", "s2", "s8", "s5", "s4", "s6", "s7", "s3"));
  }

  @Test
  default void sortByWebsite() {
    sortable();
    assertOrder("website", List.of("s2", "s4", "s7", "s3", "s6", "s1", "s8", "s5"));
  }

  @Test
  default void sortByAlias() {
    sortable();
    assertOrder("alias", List.of("s1", "s5", "s7", "s8", "s6", "s4", "s2", "s3"));
  }

  @Test
  default void sortByStatusAsAString() {
    sortable();
    assertOrder("status", List.of("s3", "s1", "s5", "s6", "s8", "s4", "s2", "s7"));
  }

  @Test
  default void sortByUploadType() {
    sortable();
    assertOrder("uploadType", List.of("s2", "s6", "s5", "s1", "s4", "s7", "s3", "s8"));
  }

  @Test
  default void sortByContentLengthNumerically() {
    sortable();
    assertOrder("contentLength", List.of("s7", "s4", "s2", "s6", "s8", "s1", "s3", "s5"));
  }

  @Test
  default void sortByParts() {
    sortable();
    assertOrder("parts", List.of("s1", "s4", "s6", "s8", "s2", "s5", "s3", "s7"));
  }

  @Test
  default void sortByStartedAt() {
    sortable();
    assertOrder("startedAt", List.of("s2", "s8", "s5", "s3", "s6", "s1", "s7", "s4"));
  }

  @Test
  default void sortByUploadedAt() {
    sortable();
    assertOrder("uploadedAt", List.of("s7", "s4", "s2", "s3", "s6", "s1", "s8", "s5"));
  }

  @Test
  default void sortByProcessedAt() {
    sortable();
    assertOrder("processedAt", List.of("s2", "s4", "s7", "s5", "s8", "s3", "s1", "s6"));
  }

  @Test
  default void sortByPublic() {
    sortable();
    assertOrder("public", List.of("s2", "s4", "s5", "s7", "s1", "s3", "s6", "s8"));
  }

  @Test
  default void sortByDirectOnly() {
    sortable();
    assertOrder("directOnly", List.of("s1", "s2", "s5", "s6", "s7", "s8", "s3", "s4"));
  }

  @Test
  default void defaultOrderIsNewestUploadFirst() {
    sortable();
    List<String> newestFirst = List.of("s5", "s8", "s1", "s6", "s3", "s2", "s4", "s7");
    assertEquals(newestFirst, ids(ListQuery.listed().withLimit(ALL)));
    assertEquals(new Sort("uploadedAt", Direction.DESC), ListQuery.listed().sort());
  }

  @Test
  default void tiesAreBrokenByUploadIdInTheSameDirection() {
    createAll(
        List.of(
            Records.processed("ann", "same").uploadId("t3").build(),
            Records.processed("ann", "same").uploadId("t1").build(),
            Records.processed("ann", "same").uploadId("t4").build(),
            Records.processed("ann", "same").uploadId("t2").build()));
    ListQuery q = ListQuery.listed().withLimit(ALL);
    assertEquals(List.of("t1", "t2", "t3", "t4"), ids(q.withSort(Sort.asc("name"))));
    assertEquals(List.of("t4", "t3", "t2", "t1"), ids(q.withSort(Sort.desc("name"))));
    assertEquals(List.of("t4", "t3", "t2", "t1"), ids(q.withSort(Sort.desc("contentLength"))));
  }

  @Test
  default void customNumbersSortNumericallyWithMissingSmallest() {
    createAll(
        List.of(
            Records.processed("ann", "x").uploadId("c1").custom("c_n", 10).build(),
            Records.processed("ann", "x").uploadId("c2").custom("c_n", 2.5).build(),
            Records.processed("ann", "x").uploadId("c3").custom("c_n", -1).build(),
            Records.processed("ann", "x").uploadId("c4").custom("c_n", 3).build(),
            Records.processed("ann", "x").uploadId("c5").build(),
            Records.processed("ann", "x").uploadId("c6").custom("c_n", 100).build(),
            Records.processed("ann", "x").uploadId("c7").custom("c_n", 2.5).build()));
    assertOrder("c_n", List.of("c5", "c3", "c2", "c7", "c4", "c1", "c6"));
  }

  @Test
  default void customStringsSortByCodeUnitsWithMissingBeforeEmpty() {
    createAll(
        List.of(
            Records.processed("ann", "x").uploadId("d1").custom("c_s", "b").build(),
            Records.processed("ann", "x").uploadId("d2").custom("c_s", "a").build(),
            Records.processed("ann", "x").uploadId("d3").custom("c_s", "ab").build(),
            Records.processed("ann", "x").uploadId("d4").build(),
            Records.processed("ann", "x").uploadId("d5").custom("c_s", "").build(),
            Records.processed("ann", "x").uploadId("d6").custom("c_s", "a").build(),
            Records.processed("ann", "x").uploadId("d7").custom("c_s", "10").build(),
            Records.processed("ann", "x").uploadId("d8").custom("c_s", "9").build()));
    assertOrder("c_s", List.of("d4", "d5", "d7", "d8", "d2", "d6", "d3", "d1"));
  }

  @Test
  default void customBooleansSortFalseBeforeTrue() {
    createAll(
        List.of(
            Records.processed("ann", "x").uploadId("b1").custom("c_b", true).build(),
            Records.processed("ann", "x").uploadId("b2").build(),
            Records.processed("ann", "x").uploadId("b3").custom("c_b", false).build(),
            Records.processed("ann", "x").uploadId("b4").custom("c_b", true).build()));
    assertOrder("c_b", List.of("b2", "b3", "b1", "b4"));
  }

  /**
   * A custom field holding values of several kinds sorts missing, then booleans, then numbers, then
   * strings (CouchDB's collation of these JSON types).
   */
  @Test
  default void customFieldsOfMixedKindsSortMissingBooleansNumbersStrings() {
    createAll(
        List.of(
            Records.processed("ann", "x").uploadId("m1").custom("c_x", "a").build(),
            Records.processed("ann", "x").uploadId("m2").custom("c_x", 5).build(),
            Records.processed("ann", "x").uploadId("m3").custom("c_x", true).build(),
            Records.processed("ann", "x").uploadId("m4").custom("c_x", false).build(),
            Records.processed("ann", "x").uploadId("m5").build(),
            Records.processed("ann", "x").uploadId("m6").custom("c_x", -3.5).build(),
            Records.processed("ann", "x").uploadId("m7").custom("c_x", "").build()));
    assertOrder("c_x", List.of("m5", "m4", "m3", "m6", "m2", "m7", "m1"));
  }

  @Test
  default void sortAppliesAfterSelection() {
    sortable();
    ListQuery q =
        ListQuery.listed()
            .withOwner("ann")
            .withFilter(Filter.of("contentLength", Op.GTE, 50))
            .withSort(Sort.desc("contentLength"))
            .withLimit(ALL);
    assertEquals(List.of("s2", "s4"), ids(q));
    ListQuery pub =
        ListQuery.listed().withPublicOnly(true).withSort(Sort.asc("processedAt")).withLimit(2);
    assertEquals(List.of("s8", "s1"), ids(pub));
  }
}
