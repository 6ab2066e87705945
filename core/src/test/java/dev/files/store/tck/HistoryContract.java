package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.HistoryRetention;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The record history: each create and update writes exactly one entry in the same atomic step
 * (refused writes none), oldest first, with the version before and after and the changed fields;
 * paging by version; retention by count and age applied by the write; a delete takes the history
 * with it.
 */
public interface HistoryContract extends ContractSupport {

  Origin ORIGIN = new Origin(Origin.HTTP, "203.0.113.7", "curl/8.5", "gallery", "req-1", "trace-1");

  static WriteContext by(String action, String actor, long at) {
    return new WriteContext(action, actor, at, ORIGIN, HistoryRetention.defaults());
  }

  private FileRecord createBy(FileRecord.Builder record, WriteContext context) {
    return await(store().create(record.build(), context));
  }

  private FileRecord updateBy(FileRecord before, FileRecord after, WriteContext context) {
    return await(store().update(before, after, context));
  }

  private List<HistoryEntry> history(String uploadId) {
    return await(store().history(uploadId, 0, ALL));
  }

  private static List<Long> versions(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::versionAfter).toList();
  }

  @Test
  default void aCreateWritesTheFirstEntryWithWhoWhenAndWhere() {
    FileRecord r = createBy(Records.processed("ann", "beach"), by("files.upload", "ann", 1000));
    List<HistoryEntry> h = history(r.uploadId());
    assertEquals(1, h.size(), "entries: " + h);
    HistoryEntry e = h.get(0);
    assertEquals("files.upload", e.action());
    assertEquals("ann", e.actor());
    assertEquals(1000, e.at());
    assertEquals(0, e.versionBefore());
    assertEquals(1, e.versionAfter());
    assertEquals(ORIGIN, e.origin());
    assertEquals(new JsonObject().put("new", "beach"), e.changes().getJsonObject("name"));
    assertFalse(e.changes().containsKey("version"), "the version is the entry's own");
  }

  @Test
  default void anUpdateWritesTheFieldsItChangedWithOldAndNewValues() {
    FileRecord r = createBy(Records.processed("ann", "beach"), by("files.upload", "ann", 1000));
    FileRecord next = r.toBuilder().name("dunes").tags(List.of("sand")).build();
    updateBy(r, next, by("files.update", "admin", 2000));
    List<HistoryEntry> h = history(r.uploadId());
    assertEquals(List.of(1L, 2L), versions(h));
    HistoryEntry e = h.get(1);
    assertEquals("files.update", e.action());
    assertEquals("admin", e.actor());
    assertEquals(1, e.versionBefore());
    assertEquals(
        new JsonObject()
            .put("name", new JsonObject().put("old", "beach").put("new", "dunes"))
            .put("tags", new JsonObject().put("old", List.of()).put("new", List.of("sand"))),
        e.changes());
    assertEquals(2, get(r.uploadId()).version());
  }

  @Test
  default void aRefusedWriteLeavesNoEntry() {
    FileRecord r = createBy(Records.processed("ann", "beach"), by("files.upload", "ann", 1000));
    FileRecord other =
        createBy(Records.processed("ann", "other").alias("home"), by("files.upload", "ann", 1000));
    FileRecord stale = r.toBuilder().version(7).build();
    assertFails(
        ErrorCode.VERSION_CONFLICT,
        store().update(stale, r.toBuilder().name("x").build(), by("files.update", "ann", 2000)));
    assertFails(
        ErrorCode.ALIAS_TAKEN,
        store().update(r, r.toBuilder().alias("home").build(), by("files.update", "ann", 2000)));
    assertFails(
        ErrorCode.CONFLICT,
        store()
            .create(
                Records.processed("bob", "dup").uploadId(r.uploadId()).build(),
                by("files.upload", "bob", 2000)));
    assertEquals(List.of(1L), versions(history(r.uploadId())));
    assertEquals(List.of(1L), versions(history(other.uploadId())));
  }

  @Test
  default void ofConcurrentUpdatesOnlyTheWinnerHasAnEntry() {
    FileRecord r = createBy(Records.processed("ann", "start"), by("files.upload", "ann", 1000));
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < ConcurrencyContract.WRITERS; i++) {
      racers.add(
          store()
              .update(r, r.toBuilder().name("w" + i).build(), by("files.update", "w" + i, 2000)));
    }
    List<FileRecord> winners = new ArrayList<>();
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.VERSION_CONFLICT, f)) {
        winners.add(f.result());
      }
    }
    assertEquals(1, winners.size());
    List<HistoryEntry> h = history(r.uploadId());
    assertEquals(List.of(1L, 2L), versions(h));
    String winner = winners.get(0).name();
    assertEquals(winner, h.get(1).actor(), "the entry is the winner's");
    assertEquals(winner, h.get(1).changes().getJsonObject("name").getString("new"));
  }

  @Test
  default void historyPagesByVersionOldestFirst() {
    FileRecord r = createBy(Records.processed("ann", "v1"), by("files.upload", "ann", 1000));
    for (int v = 2; v <= 6; v++) {
      r = updateBy(r, r.toBuilder().name("v" + v).build(), by("files.update", "ann", 1000L * v));
    }
    String id = r.uploadId();
    assertEquals(List.of(3L, 4L), versions(await(store().history(id, 2, 2))));
    assertEquals(List.of(5L, 6L), versions(await(store().history(id, 4, 10))));
    assertEquals(List.of(), versions(await(store().history(id, 6, 10))));
  }

  @Test
  default void theWriteKeepsAtMostMaxEntriesTheNewest() {
    HistoryRetention three = new HistoryRetention(Duration.ofDays(1), 3);
    WriteContext first = new WriteContext("files.upload", "ann", 1000, ORIGIN, three);
    FileRecord r = createBy(Records.processed("ann", "v1"), first);
    for (int v = 2; v <= 6; v++) {
      WriteContext c = new WriteContext("files.update", "ann", 1000L * v, ORIGIN, three);
      r = updateBy(r, r.toBuilder().name("v" + v).build(), c);
    }
    assertEquals(List.of(4L, 5L, 6L), versions(history(r.uploadId())));
  }

  @Test
  default void theWriteDropsEntriesOlderThanMaxAge() {
    HistoryRetention hour = new HistoryRetention(Duration.ofHours(1), 100);
    long t = Records.T0;
    FileRecord r =
        createBy(
            Records.processed("ann", "v1"), new WriteContext("files.upload", "ann", t, null, hour));
    r =
        updateBy(
            r,
            r.toBuilder().name("v2").build(),
            new WriteContext("files.update", "ann", t + 1_000, null, hour));
    updateBy(
        r,
        r.toBuilder().name("v3").build(),
        new WriteContext("files.update", "ann", t + 3_600_500, null, hour));
    assertEquals(List.of(2L, 3L), versions(history(r.uploadId())));
  }

  @Test
  default void aDeleteTakesTheHistoryWithIt() {
    FileRecord r = createBy(Records.processed("ann", "v1"), by("files.upload", "ann", 1000));
    r = updateBy(r, r.toBuilder().name("v2").build(), by("files.update", "ann", 2000));
    await(store().delete(r.uploadId(), r.version()));
    assertFails(ErrorCode.NOT_FOUND, store().history(r.uploadId(), 0, ALL));
    FileRecord again =
        createBy(
            Records.processed("ann", "again").uploadId(r.uploadId()),
            by("files.upload", "ann", 3000));
    List<HistoryEntry> h = history(again.uploadId());
    assertEquals(List.of(1L), versions(h), "a new record starts a new history");
    assertEquals(3000, h.get(0).at());
  }

  @Test
  default void theHistoryOfAMissingRecordIsNotFound() {
    assertFails(ErrorCode.NOT_FOUND, store().history(Records.newId(), 0, ALL));
  }

  @Test
  default void writesWithoutAContextAreRecordedAsUnknown() {
    FileRecord r = create(Records.processed("ann", "v1"));
    update(r.toBuilder().name("v2").build());
    List<HistoryEntry> h = history(r.uploadId());
    assertEquals(List.of(1L, 2L), versions(h));
    assertEquals(WriteContext.UNKNOWN, h.get(1).actor());
    assertEquals("v2", h.get(1).changes().getJsonObject("name").getString("new"));
  }

  @Test
  default void signedLocationsAndPostActionsNeverReachTheHistory() {
    FileRecord r =
        createBy(
            Records.pending("ann", "p")
                .postAction(new JsonObject().put("update", new JsonObject().put("name", "n"))),
            by("files.upload", "ann", 1000));
    FileRecord signed =
        r.toBuilder()
            .parts(
                List.of(
                    r.parts().get(0).toBuilder()
                        .location("https://storage.example/upload?X-Goog-Signature=secret")
                        .headers(Map.of("X-Goog-Signature", "secret"))
                        .build()))
            .build();
    updateBy(r, signed, by("files.upload", "ann", 1000));
    for (HistoryEntry e : history(r.uploadId())) {
      String text = e.toJson().encode();
      assertFalse(text.contains("secret"), "a signature in the history: " + text);
      assertFalse(text.contains("postAction"), "a postAction in the history: " + text);
    }
    assertTrue(get(r.uploadId()).parts().get(0).location().contains("secret"), "stored as given");
  }
}
