package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Selection: every {@link Op} on strings, integral and fractional numbers, booleans and custom
 * fields, with missing values and values of another kind as {@link Op} defines; {@code #multi};
 * tags; scope, owner and public visibility. Each test creates a handful of records with ids {@code
 * r1..rN} and compares the ids that match.
 */
public interface FilterContract extends ContractSupport {

  private static Filter f(String field, Op op, Object value) {
    return Filter.of(field, op, value);
  }

  /** Five records with names, descriptions (one empty, one missing) and sizes. */
  private void strings() {
    createAll(
        List.of(
            Records.processed("ann", "alpha").uploadId("r1").description("Blue Sky").build(),
            Records.processed("ann", "beta").uploadId("r2").description("").build(),
            Records.processed("bob", "gamma").uploadId("r3").build(),
            Records.processed("bob", "delta quasar").uploadId("r4").description("sky").build(),
            Records.processed("cat", "beta").uploadId("r5").description("deep SEA").build()));
  }

  @Test
  default void eqOnAStringIsExactAndCaseSensitive() {
    strings();
    assertEquals(List.of("r2", "r5"), matching(f("name", Op.EQ, "beta")));
    assertEquals(List.of(), matching(f("name", Op.EQ, "Beta")));
    assertEquals(List.of(), matching(f("name", Op.EQ, "bet")));
    assertEquals(List.of("r4"), matching(f("description", Op.EQ, "sky")));
    assertEquals(List.of("r2"), matching(f("description", Op.EQ, "")));
  }

  @Test
  default void neIsNotEqAndHoldsForMissingValues() {
    strings();
    assertEquals(List.of("r1", "r3", "r4"), matching(f("name", Op.NE, "beta")));
    assertEquals(List.of("r1", "r2", "r3", "r5"), matching(f("description", Op.NE, "sky")));
    assertEquals(List.of("r1", "r3", "r4", "r5"), matching(f("description", Op.NE, "")));
  }

  @Test
  default void matchIsACaseInsensitiveSubstringOfStringsOnly() {
    strings();
    assertEquals(List.of("r1", "r4"), matching(f("description", Op.MATCH, "SKY")));
    assertEquals(List.of("r1", "r4"), matching(f("description", Op.MATCH, "sKy")));
    assertEquals(List.of("r5"), matching(f("description", Op.MATCH, "sea")));
    assertEquals(List.of("r4"), matching(f("name", Op.MATCH, "Quasar")));
    assertEquals(List.of("r4"), matching(f("name", Op.MATCH, "a q")));
    assertEquals(List.of("r2", "r5"), matching(f("name", Op.MATCH, "et")));
    assertEquals(List.of(), matching(f("name", Op.MATCH, "zeta")));
  }

  @Test
  default void matchOfTheEmptyStringHoldsForEveryPresentString() {
    strings();
    assertEquals(List.of("r1", "r2", "r4", "r5"), matching(f("description", Op.MATCH, "")));
  }

  @Test
  default void rangesOnStringsFollowCodeUnitOrder() {
    strings();
    assertEquals(List.of("r3", "r4"), matching(f("name", Op.GT, "beta")));
    assertEquals(List.of("r2", "r3", "r4", "r5"), matching(f("name", Op.GTE, "beta")));
    assertEquals(List.of("r1"), matching(f("name", Op.LT, "beta")));
    assertEquals(List.of("r1", "r2", "r5"), matching(f("name", Op.LTE, "beta")));
    assertEquals(List.of("r1", "r2", "r5"), matching(f("name", Op.LT, "c")));
    assertEquals(List.of("r1", "r2", "r4", "r5"), matching(f("description", Op.GTE, "")));
  }

  @Test
  default void existsTellsPresentFromMissing() {
    strings();
    assertEquals(List.of("r1", "r2", "r4", "r5"), matching(f("description", Op.EXISTS, true)));
    assertEquals(List.of("r3"), matching(f("description", Op.EXISTS, false)));
    assertEquals(List.of(), matching(f("website", Op.EXISTS, true)));
    assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), matching(f("website", Op.EXISTS, false)));
  }

  @Test
  default void isEmptyHoldsForMissingAndTheEmptyString() {
    strings();
    assertEquals(List.of("r2", "r3"), matching(f("description", Op.ISEMPTY, true)));
    assertEquals(List.of("r1", "r4", "r5"), matching(f("description", Op.ISEMPTY, false)));
  }

  @Test
  default void someIsEqToOneOfTheValues() {
    strings();
    assertEquals(List.of("r1", "r3"), matching(f("name", Op.SOME, List.of("alpha", "gamma"))));
    assertEquals(
        List.of("r1", "r2", "r5"), matching(f("name", Op.SOME, List.of("alpha", "beta", "zeta"))));
    assertEquals(List.of(), matching(f("name", Op.SOME, List.of("Alpha", "zeta"))));
    assertEquals(List.of("r2"), matching(f("description", Op.SOME, List.of("", "nope"))));
  }

  /** Integral and fractional numbers, some missing, in a custom field and in built-in ones. */
  private void numbers() {
    createAll(
        List.of(
            Records.processed("ann", "a")
                .uploadId("r1")
                .contentLength(100)
                .custom("c_n", 1)
                .build(),
            Records.processed("ann", "b")
                .uploadId("r2")
                .contentLength(250)
                .custom("c_n", 2.5)
                .build(),
            Records.processed("ann", "c")
                .uploadId("r3")
                .contentLength(1000)
                .processedAt(null)
                .custom("c_n", 3.0)
                .build(),
            Records.processed("ann", "d")
                .uploadId("r4")
                .contentLength(1000)
                .custom("c_n", 10)
                .build(),
            Records.processed("ann", "e")
                .uploadId("r5")
                .contentLength(5)
                .processedAt(Records.T0 + 5_000)
                .custom("c_n", -0.5)
                .build(),
            Records.processed("ann", "f").uploadId("r6").contentLength(0).build()));
  }

  @Test
  default void eqOnNumbersComparesNumerically() {
    numbers();
    assertEquals(List.of("r3", "r4"), matching(f("contentLength", Op.EQ, 1000)));
    assertEquals(List.of("r3", "r4"), matching(f("contentLength", Op.EQ, 1000.0)));
    assertEquals(List.of("r6"), matching(f("contentLength", Op.EQ, 0)));
    assertEquals(List.of("r3"), matching(f("c_n", Op.EQ, 3)));
    assertEquals(List.of("r3"), matching(f("c_n", Op.EQ, 3.0)));
    assertEquals(List.of("r2"), matching(f("c_n", Op.EQ, 2.5)));
    assertEquals(List.of("r5"), matching(f("c_n", Op.EQ, -0.5)));
    assertEquals(List.of(), matching(f("c_n", Op.EQ, 2)));
  }

  @Test
  default void neOnNumbersHoldsForMissingValues() {
    numbers();
    assertEquals(List.of("r1", "r2", "r5", "r6"), matching(f("contentLength", Op.NE, 1000)));
    assertEquals(List.of("r1", "r3", "r4", "r5", "r6"), matching(f("c_n", Op.NE, 2.5)));
  }

  @Test
  default void rangesOnIntegralNumbers() {
    numbers();
    assertEquals(List.of("r2", "r3", "r4"), matching(f("contentLength", Op.GT, 100)));
    assertEquals(List.of("r1", "r2", "r3", "r4"), matching(f("contentLength", Op.GTE, 100)));
    assertEquals(List.of("r5", "r6"), matching(f("contentLength", Op.LT, 100)));
    assertEquals(List.of("r1", "r5", "r6"), matching(f("contentLength", Op.LTE, 100)));
    assertEquals(List.of("r1", "r2", "r3", "r4"), matching(f("contentLength", Op.GT, 99.5)));
    assertEquals(List.of("r3", "r4"), matching(f("contentLength", Op.GTE, 999.99)));
  }

  @Test
  default void rangesOnMixedIntegralAndFractionalNumbers() {
    numbers();
    assertEquals(List.of("r2", "r3", "r4"), matching(f("c_n", Op.GT, 1)));
    assertEquals(List.of("r1", "r2", "r3", "r4"), matching(f("c_n", Op.GTE, 1)));
    assertEquals(List.of("r3", "r4"), matching(f("c_n", Op.GT, 2.5)));
    assertEquals(List.of("r2", "r3", "r4"), matching(f("c_n", Op.GTE, 2.5)));
    assertEquals(List.of("r1", "r5"), matching(f("c_n", Op.LT, 2.5)));
    assertEquals(List.of("r1", "r2", "r3", "r5"), matching(f("c_n", Op.LTE, 3)));
    assertEquals(List.of("r5"), matching(f("c_n", Op.LT, 0)));
    assertEquals(List.of("r4"), matching(f("c_n", Op.GT, 9.99)));
  }

  @Test
  default void rangesNeverMatchMissingValues() {
    numbers();
    long t = Records.T0 + 2_000;
    assertEquals(List.of("r5"), matching(f("processedAt", Op.GT, t)));
    assertEquals(List.of("r1", "r2", "r4", "r6"), matching(f("processedAt", Op.LTE, t)));
    assertEquals(List.of("r1", "r2", "r4", "r5", "r6"), matching(f("processedAt", Op.GT, 0)));
    assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), matching(f("c_n", Op.GT, -1000)));
  }

  @Test
  default void someOnNumbersComparesNumerically() {
    numbers();
    assertEquals(
        List.of("r1", "r3", "r4"), matching(f("contentLength", Op.SOME, List.of(100, 1000))));
    assertEquals(List.of("r2", "r3"), matching(f("c_n", Op.SOME, List.of(2.5, 3, 7))));
  }

  /** Booleans, built-in and custom, some custom ones missing. */
  private void booleans() {
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").isPublic(true).custom("c_b", true).build(),
            Records.processed("ann", "b")
                .uploadId("r2")
                .isPublic(false)
                .custom("c_b", false)
                .build(),
            Records.processed("ann", "c").uploadId("r3").isPublic(true).directOnly(true).build(),
            Records.processed("ann", "d").uploadId("r4").custom("c_b", true).build()));
  }

  @Test
  default void eqAndNeOnBooleans() {
    booleans();
    assertEquals(List.of("r1", "r3"), matching(f("public", Op.EQ, true)));
    assertEquals(List.of("r2", "r4"), matching(f("public", Op.EQ, false)));
    assertEquals(List.of("r2", "r4"), matching(f("public", Op.NE, true)));
    assertEquals(List.of("r3"), matching(f("directOnly", Op.EQ, true)));
    assertEquals(List.of("r1", "r4"), matching(f("c_b", Op.EQ, true)));
    assertEquals(List.of("r2"), matching(f("c_b", Op.EQ, false)));
    assertEquals(List.of("r2", "r3"), matching(f("c_b", Op.NE, true)));
    assertEquals(List.of("r1", "r3", "r4"), matching(f("c_b", Op.NE, false)));
    assertEquals(List.of("r1", "r2", "r4"), matching(f("c_b", Op.EXISTS, true)));
    assertEquals(List.of("r1", "r2", "r4"), matching(f("c_b", Op.SOME, List.of(true, false))));
  }

  /** A custom field that holds a different kind of value on each record. */
  private void mixedKinds() {
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").custom("c_x", "5").build(),
            Records.processed("ann", "b").uploadId("r2").custom("c_x", 5).build(),
            Records.processed("ann", "c").uploadId("r3").custom("c_x", true).build(),
            Records.processed("ann", "d").uploadId("r4").custom("c_x", "").build(),
            Records.processed("ann", "e").uploadId("r5").build(),
            Records.processed("ann", "f").uploadId("r6").custom("c_x", 1).build()));
  }

  @Test
  default void valuesOfAnotherKindAreNeverEqual() {
    mixedKinds();
    assertEquals(List.of("r1"), matching(f("c_x", Op.EQ, "5")));
    assertEquals(List.of("r2"), matching(f("c_x", Op.EQ, 5)));
    assertEquals(List.of("r3"), matching(f("c_x", Op.EQ, true)));
    assertEquals(List.of("r6"), matching(f("c_x", Op.EQ, 1)));
    assertEquals(List.of(), matching(f("name", Op.EQ, 5)));
    assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6"), matching(f("name", Op.NE, 5)));
    assertEquals(List.of("r1", "r3", "r4", "r5", "r6"), matching(f("c_x", Op.NE, 5)));
    assertEquals(List.of("r1", "r6"), matching(f("c_x", Op.SOME, List.of("5", 1))));
  }

  @Test
  default void rangesAndMatchSkipValuesOfAnotherKind() {
    mixedKinds();
    assertEquals(List.of("r2", "r6"), matching(f("c_x", Op.GT, 0)));
    assertEquals(List.of("r1"), matching(f("c_x", Op.GT, "")));
    assertEquals(List.of("r1", "r4"), matching(f("c_x", Op.GTE, "")));
    assertEquals(List.of("r4"), matching(f("c_x", Op.LT, "5")));
    assertEquals(List.of("r6"), matching(f("c_x", Op.LT, 5)));
    assertEquals(List.of("r1"), matching(f("c_x", Op.MATCH, "5")));
    assertEquals(List.of(), matching(f("contentLength", Op.MATCH, "1")));
    assertEquals(List.of(), matching(f("contentLength", Op.GT, "1")));
    assertEquals(List.of(), matching(f("name", Op.LT, 100)));
  }

  @Test
  default void existsAndIsEmptyOnACustomFieldOfMixedKinds() {
    mixedKinds();
    assertEquals(List.of("r1", "r2", "r3", "r4", "r6"), matching(f("c_x", Op.EXISTS, true)));
    assertEquals(List.of("r5"), matching(f("c_x", Op.EXISTS, false)));
    assertEquals(List.of("r4", "r5"), matching(f("c_x", Op.ISEMPTY, true)));
    assertEquals(List.of("r1", "r2", "r3", "r6"), matching(f("c_x", Op.ISEMPTY, false)));
  }

  @Test
  default void aCustomFieldNoRecordHasIsMissingEverywhere() {
    mixedKinds();
    List<String> every = List.of("r1", "r2", "r3", "r4", "r5", "r6");
    assertEquals(List.of(), matching(f("c_nowhere", Op.EQ, "x")));
    assertEquals(every, matching(f("c_nowhere", Op.NE, "x")));
    assertEquals(every, matching(f("c_nowhere", Op.EXISTS, false)));
    assertEquals(every, matching(f("c_nowhere", Op.ISEMPTY, true)));
    assertEquals(List.of(), matching(f("c_nowhere", Op.GT, 0)));
  }

  @Test
  default void everyBuiltInFilterableFieldCanBeFiltered() {
    FileRecord r =
        create(
            Records.processed("ann", "beach")
                .uploadId("r1")
                .description("dawn")
                .website("https://example.org/a")
                .alias("sea")
                .uploadType("photo")
                .partCount(2)
                .contentLength(777)
                .startedAt(Records.T0 + 11)
                .uploadedAt(Records.T0 + 22)
                .processedAt(Records.T0 + 33)
                .isPublic(true)
                .directOnly(true));
    create(Records.uploaded("bob", "other").uploadId("r2"));
    for (String field :
        List.of(
            "uploadId",
            "owner",
            "name",
            "description",
            "website",
            "alias",
            "status",
            "uploadType",
            "contentLength",
            "parts",
            "startedAt",
            "uploadedAt",
            "processedAt",
            "public",
            "directOnly")) {
      assertEquals(List.of("r1"), matching(f(field, Op.EQ, r.field(field))), field);
    }
    assertEquals(List.of("r2"), matching(f("status", Op.EQ, Status.UPLOADED.wire())));
  }

  @Test
  default void allConditionsMustHold() {
    numbers();
    assertEquals(
        List.of("r3", "r4"),
        matching(Filter.all(f("contentLength", Op.GTE, 250), f("c_n", Op.GT, 2.5))));
    assertEquals(
        List.of("r4"),
        matching(
            Filter.all(
                f("contentLength", Op.GTE, 250),
                Filter.all(f("c_n", Op.GT, 2.5), f("processedAt", Op.EXISTS, true)))));
    assertEquals(
        List.of(),
        matching(Filter.all(f("contentLength", Op.GT, 250), f("contentLength", Op.LT, 1000))));
    assertEquals(
        List.of("r2"),
        matching(Filter.all(f("contentLength", Op.GT, 100), f("contentLength", Op.LT, 1000))));
    assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6"), matching(Filter.all()));
  }

  @Test
  default void multiMatchesASubstringOfAnyOfItsFields() {
    createAll(
        List.of(
            Records.processed("ann", "Nikon day").uploadId("r1").build(),
            Records.processed("ann", "b").uploadId("r2").description("shot on a NIKON").build(),
            Records.processed("ann", "c").uploadId("r3").custom("c_camera", "nikon z").build(),
            Records.processed("ann", "d").uploadId("r4").custom("c_camera", 5).build(),
            Records.processed("ann", "e").uploadId("r5").description("canon").build()));
    List<String> fields = List.of("name", "description", "c_camera");
    assertEquals(List.of("r1", "r2", "r3"), matching(new Filter.AnyMatch(fields, "nikon")));
    assertEquals(List.of("r5"), matching(new Filter.AnyMatch(fields, "CAN")));
    assertEquals(List.of(), matching(new Filter.AnyMatch(fields, "5")));
    assertEquals(List.of("r1"), matching(new Filter.AnyMatch(List.of("name"), "nikon")));
    assertEquals(
        List.of("r2"),
        matching(
            Filter.all(new Filter.AnyMatch(fields, "nikon"), f("description", Op.EXISTS, true))));
  }

  @Test
  default void tagsMustAllBePresent() {
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").tags(List.of("cat", "dog")).build(),
            Records.processed("ann", "b").uploadId("r2").tags(List.of("cat")).build(),
            Records.processed("ann", "c").uploadId("r3").tags(List.of("dog", "cow", "cat")).build(),
            Records.processed("ann", "d").uploadId("r4").build()));
    assertEquals(List.of("r1", "r2", "r3"), tagged(List.of("cat")));
    assertEquals(List.of("r1", "r3"), tagged(List.of("cat", "dog")));
    assertEquals(List.of("r1", "r3"), tagged(List.of("dog", "cat")));
    assertEquals(List.of("r3"), tagged(List.of("cow")));
    assertEquals(List.of(), tagged(List.of("cat", "emu")));
    assertEquals(List.of("r1", "r2", "r3", "r4"), tagged(List.of()));
  }

  private List<String> tagged(List<String> tags) {
    return ids(ListQuery.listed().withTags(tags).withSort(Records.BY_ID).withLimit(ALL));
  }

  /** Records in every state that decides whether a record is listed. */
  private void lifecycle() {
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").build(),
            Records.uploaded("ann", "b").uploadId("r2").build(),
            Records.processed("ann", "c").uploadId("r3").status(Status.PROCESSING).build(),
            Records.processed("ann", "d").uploadId("r4").status(Status.FAILED).build(),
            Records.pending("ann", "e").uploadId("r5").build(),
            Records.processed("ann", "f").uploadId("r6").temp(true).build(),
            Records.processed("ann", "g").uploadId("r7").unlisted(true).build(),
            Records.processed("ann", "h").uploadId("r8").deletedAt(Records.T0).build(),
            Records.processed("bob", "i").uploadId("r9").isPublic(true).build()));
  }

  @Test
  default void listedScopeExcludesPendingTempUnlistedAndSoftDeleted() {
    lifecycle();
    ListQuery listed = ListQuery.listed().withSort(Records.BY_ID).withLimit(ALL);
    assertEquals(List.of("r1", "r2", "r3", "r4", "r9"), ids(listed));
    assertEquals(5, list(listed).total());
  }

  @Test
  default void allScopeIncludesEveryRecord() {
    lifecycle();
    assertEquals(
        List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"),
        ids(everything(Records.BY_ID)));
    assertEquals(
        List.of("r5"), ids(everything(Records.BY_ID).withFilter(f("status", Op.EQ, "pending"))));
  }

  @Test
  default void internalFieldsCanBeFilteredInScopeAll() {
    lifecycle();
    FileRecord r2 = get("r2");
    update(r2.toBuilder().leaseUntil(Records.T0 + 60_000).errorCount(2).build());
    ListQuery all = everything(Records.BY_ID);
    assertEquals(List.of("r6"), ids(all.withFilter(f("temp", Op.EQ, true))));
    assertEquals(List.of("r7"), ids(all.withFilter(f("unlisted", Op.EQ, true))));
    assertEquals(List.of("r8"), ids(all.withFilter(f("deletedAt", Op.LTE, Records.T0))));
    assertEquals(List.of("r8"), ids(all.withFilter(f("deletedAt", Op.EXISTS, true))));
    assertEquals(List.of("r2"), ids(all.withFilter(f("leaseUntil", Op.GT, Records.T0))));
    assertEquals(List.of("r2"), ids(all.withFilter(f("errorCount", Op.GTE, 1))));
    assertEquals(List.of("r2"), ids(all.withFilter(f("version", Op.EQ, 2))));
    assertEquals(List.of("r5"), ids(all.withFilter(f("updatedAt", Op.LT, Records.T0 + 1))));
  }

  @Test
  default void ownerLimitsTheSelection() {
    lifecycle();
    assertEquals(List.of("r9"), ids(ListQuery.listed().withOwner("bob").withSort(Records.BY_ID)));
    assertEquals(
        List.of("r1", "r2", "r3", "r4"),
        ids(ListQuery.listed().withOwner("ann").withSort(Records.BY_ID).withLimit(ALL)));
    assertEquals(List.of(), ids(ListQuery.listed().withOwner("nobody")));
    assertEquals(8, list(everything(Records.BY_ID).withOwner("ann")).total());
  }

  @Test
  default void publicOnlyExcludesPrivateAndDirectOnlyRecords() {
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").isPublic(true).build(),
            Records.processed("ann", "b").uploadId("r2").build(),
            Records.processed("ann", "c").uploadId("r3").isPublic(true).directOnly(true).build(),
            Records.processed("ann", "d").uploadId("r4").directOnly(true).build(),
            Records.processed("bob", "e").uploadId("r5").isPublic(true).build(),
            Records.processed("bob", "f").uploadId("r6").isPublic(true).unlisted(true).build()));
    ListQuery pub = ListQuery.listed().withPublicOnly(true).withSort(Records.BY_ID).withLimit(ALL);
    assertEquals(List.of("r1", "r5"), ids(pub));
    assertEquals(List.of("r1"), ids(pub.withOwner("ann")));
    assertEquals(2, list(pub).total());
    assertEquals(
        List.of("r1", "r2", "r3", "r4"),
        ids(ListQuery.listed().withOwner("ann").withSort(Records.BY_ID).withLimit(ALL)));
  }

  @Test
  default void visibilityTagsAndFilterCombine() {
    createAll(
        List.of(
            Records.processed("ann", "sea")
                .uploadId("r1")
                .isPublic(true)
                .tags(List.of("x"))
                .build(),
            Records.processed("ann", "sea").uploadId("r2").tags(List.of("x")).build(),
            Records.processed("bob", "sea")
                .uploadId("r3")
                .isPublic(true)
                .tags(List.of("x"))
                .build(),
            Records.processed("bob", "sea").uploadId("r4").isPublic(true).build(),
            Records.processed("bob", "lake")
                .uploadId("r5")
                .isPublic(true)
                .tags(List.of("x"))
                .build()));
    ListQuery q =
        ListQuery.listed()
            .withPublicOnly(true)
            .withTags(List.of("x"))
            .withFilter(f("name", Op.EQ, "sea"))
            .withSort(Records.BY_ID)
            .withLimit(ALL);
    assertEquals(List.of("r1", "r3"), ids(q));
    assertEquals(List.of("r3"), ids(q.withOwner("bob")));
    assertEquals(2, list(q).total());
  }

  @Test
  default void scopeAllStillAppliesOwnerAndPublicOnly() {
    lifecycle();
    assertEquals(List.of("r9"), ids(everything(Records.BY_ID).withPublicOnly(true)));
    assertEquals(List.of("r9"), ids(everything(Records.BY_ID).withOwner("bob")));
    assertEquals(Scope.ALL, everything(Records.BY_ID).scope());
  }

  @Test
  default void matchTreatsWildcardAndRegexCharactersLiterally() {
    createAll(
        List.of(
            Records.processed("ann", "50% off").uploadId("r1").build(),
            Records.processed("ann", "500 off").uploadId("r2").build(),
            Records.processed("ann", "a_c").uploadId("r3").build(),
            Records.processed("ann", "abc").uploadId("r4").build(),
            Records.processed("ann", "f(x) = [y]*2.5 + z? ^$ \\ | {1}").uploadId("r5").build(),
            Records.processed("ann", "plain").uploadId("r6").build(),
            Records.processed("ann", "it's \"quoted\"").uploadId("r7").build()));
    assertEquals(List.of("r1"), matching(f("name", Op.MATCH, "50%")));
    assertEquals(List.of("r2"), matching(f("name", Op.MATCH, "0 off")));
    assertEquals(List.of("r1", "r2"), matching(f("name", Op.MATCH, "0")));
    assertEquals(List.of("r3"), matching(f("name", Op.MATCH, "a_c")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, ".")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, "(x)")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, "[y]*")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, "z? ^$ \\ |")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, "{1}")));
    assertEquals(List.of(), matching(f("name", Op.MATCH, "a.c")));
    assertEquals(List.of("r5"), matching(f("name", Op.MATCH, "*")));
    assertEquals(List.of("r7"), matching(f("name", Op.MATCH, "'s \"quo")));
    assertEquals(List.of("r3"), matching(new Filter.AnyMatch(List.of("name"), "_")));
    assertEquals(List.of("r1"), matching(new Filter.AnyMatch(List.of("name", "description"), "%")));
  }

  @Test
  default void nonAsciiValuesFilterLikeAnyOther() {
    createAll(
        List.of(
            Records.processed("ann", "über straße").uploadId("r1").tags(List.of("größe")).build(),
            Records.processed("ann", "日本の海").uploadId("r2").custom("c_place", "東京").build(),
            Records.processed("ann", "plain").uploadId("r3").build()));
    assertEquals(List.of("r1"), matching(f("name", Op.EQ, "über straße")));
    assertEquals(List.of("r1"), matching(f("name", Op.MATCH, "straße")));
    assertEquals(List.of("r2"), matching(f("name", Op.MATCH, "の海")));
    assertEquals(List.of("r2"), matching(f("c_place", Op.EQ, "東京")));
    assertEquals(List.of("r1"), tagged(List.of("größe")));
  }

  /** MATCH folds case as Java's {@code toLowerCase(Locale.ROOT)} does, not only for ASCII. */
  @Test
  default void matchFoldsCaseBeyondAscii() {
    createAll(
        List.of(
            Records.processed("ann", "Über Straße").uploadId("r1").build(),
            Records.processed("ann", "ÉTÉ À PARIS").uploadId("r2").build(),
            Records.processed("ann", "plain").uploadId("r3").build()));
    assertEquals(List.of("r1"), matching(f("name", Op.MATCH, "über")));
    assertEquals(List.of("r1"), matching(f("name", Op.MATCH, "ÜBER STRASSE".substring(0, 4))));
    assertEquals(List.of("r2"), matching(f("name", Op.MATCH, "été à")));
    assertEquals(List.of("r2"), matching(new Filter.AnyMatch(List.of("name"), "paris")));
  }

  @Test
  default void longValuesAreFilteredWhole() {
    String longText = "x".repeat(4000) + "needle" + "y".repeat(90);
    createAll(
        List.of(
            Records.processed("ann", "a").uploadId("r1").custom("c_long", longText).build(),
            Records.processed("ann", "b")
                .uploadId("r2")
                .custom("c_long", longText.substring(0, 4000))
                .build()));
    assertEquals(List.of("r1"), matching(f("c_long", Op.EQ, longText)));
    assertEquals(List.of("r1"), matching(f("c_long", Op.MATCH, "NEEDLE")));
    assertEquals(List.of("r1"), matching(f("c_long", Op.GT, longText.substring(0, 4000))));
    assertEquals(List.of("r2"), matching(f("c_long", Op.LT, longText)));
  }
}
