package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.Capability;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** create, get, update and delete: versions, not-found, conflicts and the codec's round trip. */
public interface CrudContract extends ContractSupport {

  @Test
  default void createStampsVersionOneWhateverVersionIsGiven() {
    FileRecord stored = create(Records.processed("ann", "beach").version(7));
    assertEquals(1, stored.version());
    assertEquals(1, get(stored.uploadId()).version());
  }

  @Test
  default void getReturnsWhatCreateStored() {
    FileRecord stored = create(Records.processed("ann", "beach"));
    assertEquals(stored, get(stored.uploadId()));
  }

  @Test
  default void everyFieldRoundTrips() {
    FileRecord given = Records.everyField("ann").build();
    FileRecord stored = create(given);
    assertEquals(FileRecordJson.toJson(given), FileRecordJson.toJson(stored));
    assertEquals(FileRecordJson.toJson(given), FileRecordJson.toJson(get(given.uploadId())));
  }

  @Test
  default void customFieldsKeepTheirKind() {
    FileRecord stored =
        create(
            Records.processed("ann", "beach")
                .custom("c_s", "42")
                .custom("c_l", 42)
                .custom("c_neg", -7)
                .custom("c_d", 0.25)
                .custom("c_whole", 3.0)
                .custom("c_t", true)
                .custom("c_f", false)
                .custom("c_e", ""));
    Map<String, Object> custom = get(stored.uploadId()).custom();
    assertEquals("42", custom.get("c_s"));
    assertEquals(42L, custom.get("c_l"));
    assertEquals(-7L, custom.get("c_neg"));
    assertEquals(0.25, custom.get("c_d"));
    assertEquals(3L, custom.get("c_whole"), "3.0 is normalised to the integral 3");
    assertEquals(true, custom.get("c_t"));
    assertEquals(false, custom.get("c_f"));
    assertEquals("", custom.get("c_e"));
    assertEquals(8, custom.size());
  }

  @Test
  default void unsetFieldsStayUnsetAndEmptyStringsStayEmpty() {
    FileRecord minimal =
        FileRecord.builder()
            .uploadId(Records.newId())
            .owner("ann")
            .status(Status.PENDING)
            .description("")
            .build();
    FileRecord read = get(create(minimal).uploadId());
    assertNull(read.name());
    assertNull(read.website());
    assertNull(read.alias());
    assertNull(read.uploadType());
    assertNull(read.startedAt());
    assertNull(read.uploadedAt());
    assertNull(read.processedAt());
    assertNull(read.deletedAt());
    assertNull(read.leaseUntil());
    assertNull(read.postAction());
    assertEquals("", read.description());
    assertEquals(List.of(), read.tags());
    assertEquals(List.of(), read.parts());
    assertEquals(Map.of(), read.custom());
    assertEquals(minimal.toBuilder().version(1).build(), read);
  }

  @Test
  default void postActionRoundTrips() {
    JsonObject action =
        new JsonObject()
            .put(
                "update",
                new JsonObject()
                    .put(
                        "meta",
                        new JsonObject()
                            .put("name", "renamed")
                            .put("tags", List.of("a", "b"))
                            .put("c_n", 5)
                            .put("c_x", (Object) null)));
    FileRecord stored = create(Records.pending("ann", "beach").postAction(action));
    assertEquals(action, get(stored.uploadId()).postAction());
  }

  @Test
  default void createOfAnExistingIdFailsWithConflictAndChangesNothing() {
    FileRecord first = create(Records.processed("ann", "beach"));
    FileRecord again = Records.processed("bob", "other").uploadId(first.uploadId()).build();
    assertFails(ErrorCode.CONFLICT, store().create(again));
    assertEquals(first, get(first.uploadId()));
  }

  @Test
  default void getOfAnUnknownIdFailsWithNotFound() {
    assertFails(ErrorCode.NOT_FOUND, store().get("no-such-id"));
  }

  @Test
  default void updateStoresTheRecordAtTheNextVersion() {
    FileRecord v1 = create(Records.processed("ann", "beach"));
    FileRecord v2 = update(v1.toBuilder().name("dunes").tags(List.of("sand")).build());
    assertEquals(2, v2.version());
    assertEquals("dunes", v2.name());
    assertEquals(v2, get(v1.uploadId()));
    FileRecord v3 = update(v2.toBuilder().description("windy").build());
    assertEquals(3, v3.version());
    assertEquals(v3, get(v1.uploadId()));
  }

  @Test
  default void updateReplacesTheWholeRecord() {
    FileRecord v1 = create(Records.everyField("ann").alias(null));
    FileRecord.Builder b =
        Records.processed("ann", "plain").uploadId(v1.uploadId()).version(v1.version());
    FileRecord v2 = update(b.build());
    FileRecord read = get(v1.uploadId());
    assertEquals(v2, read);
    assertEquals(Map.of(), read.custom());
    assertEquals(List.of(), read.tags());
    assertNull(read.description());
    assertNull(read.deletedAt());
    assertNull(read.postAction());
    assertFalse(read.temp());
  }

  @Test
  default void updateCanRemoveOneCustomFieldAndChangeTheKindOfAnother() {
    FileRecord v1 = create(Records.processed("ann", "beach").custom("c_a", "x").custom("c_b", 1));
    update(v1.toBuilder().custom("c_a", null).custom("c_b", "one").build());
    assertEquals(Map.of("c_b", "one"), get(v1.uploadId()).custom());
  }

  @Test
  default void updateAtAStaleVersionFailsWithVersionConflictAndChangesNothing() {
    FileRecord v1 = create(Records.processed("ann", "beach"));
    FileRecord v2 = update(v1.toBuilder().name("dunes").build());
    assertFails(ErrorCode.VERSION_CONFLICT, store().update(v1.toBuilder().name("x").build(), 1));
    assertFails(ErrorCode.VERSION_CONFLICT, store().update(v2.toBuilder().name("x").build(), 3));
    assertEquals(v2, get(v1.uploadId()));
  }

  @Test
  default void updateOfAnUnknownIdFailsWithNotFound() {
    FileRecord ghost = Records.processed("ann", "beach").version(1).build();
    assertFails(ErrorCode.NOT_FOUND, store().update(ghost, 1));
  }

  @Test
  default void updateNeverChangesTheOwner() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord v2 = update(v1.toBuilder().owner("mallory").name("stolen").build());
    assertEquals("ann", v2.owner());
    assertEquals("ann", get(v1.uploadId()).owner());
    assertEquals("stolen", get(v1.uploadId()).name());
    assertEquals(v1.uploadId(), await(store().getByAlias("ann", "sea")).uploadId());
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("mallory", "sea"));
    assertEquals(List.of(), ids(ListQuery.listed().withOwner("mallory")));
    assertEquals(List.of(v1.uploadId()), ids(ListQuery.listed().withOwner("ann")));
  }

  @Test
  default void deleteRemovesTheRecord() {
    FileRecord r = create(Records.processed("ann", "beach"));
    FileRecord keep = create(Records.processed("ann", "dunes"));
    await(store().delete(r.uploadId(), 1));
    assertFails(ErrorCode.NOT_FOUND, store().get(r.uploadId()));
    assertEquals(List.of(keep.uploadId()), ids(everything(Records.BY_ID)));
    assertFails(ErrorCode.NOT_FOUND, store().update(r, 1));
    assertFails(ErrorCode.NOT_FOUND, store().delete(r.uploadId(), 1));
  }

  @Test
  default void deleteAtAStaleVersionFailsWithVersionConflictAndKeepsTheRecord() {
    FileRecord v1 = create(Records.processed("ann", "beach"));
    FileRecord v2 = update(v1.toBuilder().name("dunes").build());
    assertFails(ErrorCode.VERSION_CONFLICT, store().delete(v1.uploadId(), 1));
    assertEquals(v2, get(v1.uploadId()));
    await(store().delete(v1.uploadId(), 2));
    assertFails(ErrorCode.NOT_FOUND, store().get(v1.uploadId()));
  }

  @Test
  default void deleteOfAnUnknownIdFailsWithNotFound() {
    assertFails(ErrorCode.NOT_FOUND, store().delete("no-such-id", 1));
  }

  @Test
  default void softDeletedRecordsAreStillReturnedByGetButNotListed() {
    FileRecord v1 = create(Records.processed("ann", "beach"));
    FileRecord v2 = update(v1.toBuilder().deletedAt(Records.T0 + 9_000).build());
    assertEquals(v2, get(v1.uploadId()));
    assertEquals(List.of(), ids(ListQuery.listed()));
    assertEquals(List.of(v1.uploadId()), ids(everything(Records.BY_ID)));
    FileRecord restored = update(v2.toBuilder().deletedAt(null).build());
    assertNull(get(v1.uploadId()).deletedAt());
    assertEquals(3, restored.version());
    assertEquals(List.of(v1.uploadId()), ids(ListQuery.listed()));
  }

  @Test
  default void updatedRecordIsFoundByItsNewValuesOnly() {
    FileRecord v1 = create(Records.processed("ann", "beach").tags(List.of("sea")).custom("c_n", 1));
    update(v1.toBuilder().name("dunes").tags(List.of("sand")).custom("c_n", 2).build());
    assertEquals(List.of(), matching(Filter.eq("name", "beach")));
    assertEquals(List.of(v1.uploadId()), matching(Filter.eq("name", "dunes")));
    assertEquals(List.of(), matching(Filter.eq("c_n", 1)));
    assertEquals(List.of(v1.uploadId()), matching(Filter.eq("c_n", 2)));
    assertEquals(List.of(), ids(ListQuery.listed().withTags(List.of("sea"))));
    assertEquals(List.of(v1.uploadId()), ids(ListQuery.listed().withTags(List.of("sand"))));
  }

  @Test
  default void pingSucceeds() {
    await(store().ping());
  }

  /**
   * The one capability a functional contract can observe: a store that declares {@link
   * Capability#DURABLE} still has its records, versions and aliases after it is closed and opened
   * again. (The other capabilities say what is served from an index, a cost that the benchmarks
   * measure; every store must answer every query the same, which the other contracts check.)
   */
  @Test
  default void aDurableStoreKeepsItsRecordsWhenReopened() {
    Set<Capability> declared = store().capabilities();
    assertEquals(declared, store().capabilities(), "capabilities are a fixed property");
    if (!declared.contains(Capability.DURABLE)) {
      return;
    }
    FileRecord kept = create(Records.processed("ann", "kept").alias("kept-alias"));
    FileRecord updated = update(kept.toBuilder().name("kept, renamed").build());

    reopenStore();

    assertEquals(FileRecordJson.toJson(updated), FileRecordJson.toJson(get(kept.uploadId())));
    assertEquals(updated.uploadId(), await(store().getByAlias("ann", "kept-alias")).uploadId());
    assertEquals(declared, store().capabilities());
  }

  @Test
  default void largeRecordsRoundTrip() {
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      parts.add(Records.part("p" + i, 1_000 + i).originalName("part " + i + ".png").build());
    }
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      tags.add("tag-" + i + "-" + "t".repeat(30));
    }
    FileRecord.Builder b =
        Records.processed("ann", "n".repeat(200))
            .description("d".repeat(20_000))
            .tags(tags)
            .parts(parts)
            .partCount(64)
            .uploadedParts(64);
    for (int i = 0; i < 50; i++) {
      b.custom(
          "c_field_" + i, i % 3 == 0 ? "v".repeat(4096) : i % 3 == 1 ? i : (Object) (i % 2 == 0));
    }
    FileRecord given = b.version(1).build();
    assertEquals(FileRecordJson.toJson(given), FileRecordJson.toJson(create(given)));
    assertEquals(FileRecordJson.toJson(given), FileRecordJson.toJson(get(given.uploadId())));
  }

  @Test
  default void ownersAndTagsWithUnusualCharactersRoundTrip() {
    FileRecord given =
        Records.processed("{user}:1/ü ñ", "x")
            .tags(List.of("a b", "c:d", "größe", "{x}", "100%", "under_score"))
            .version(1)
            .build();
    create(given);
    assertEquals(FileRecordJson.toJson(given), FileRecordJson.toJson(get(given.uploadId())));
    assertEquals(List.of(given.uploadId()), ids(ListQuery.listed().withOwner("{user}:1/ü ñ")));
    assertEquals(
        List.of(given.uploadId()), ids(ListQuery.listed().withTags(List.of("c:d", "100%", "{x}"))));
    assertEquals(List.of(), ids(ListQuery.listed().withTags(List.of("100"))));
    assertEquals(List.of(), ids(ListQuery.listed().withOwner("{user}:1")));
  }
}
