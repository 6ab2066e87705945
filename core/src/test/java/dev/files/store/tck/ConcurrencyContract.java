package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compare-and-set under contention: of concurrent writers at one expected version exactly one wins
 * and the others get {@code version-conflict}; writers that retry lose no update.
 */
public interface ConcurrencyContract extends ContractSupport {

  /** How many writers race in each test. */
  int WRITERS = 8;

  @Test
  default void ofConcurrentUpdatesAtOneVersionExactlyOneWins() {
    FileRecord r = create(Records.processed("ann", "start"));
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      racers.add(store().update(r.toBuilder().name("writer" + i).build(), 1));
    }
    List<FileRecord> winners = new ArrayList<>();
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.VERSION_CONFLICT, f)) {
        winners.add(f.result());
      }
    }
    assertEquals(1, winners.size(), "winners: " + winners);
    FileRecord stored = get(r.uploadId());
    assertEquals(2, stored.version());
    assertEquals(winners.get(0), stored);
  }

  @Test
  default void ofConcurrentDeletesAtOneVersionExactlyOneWins() {
    FileRecord r = create(Records.processed("ann", "start"));
    List<Future<Void>> racers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      racers.add(store().delete(r.uploadId(), 1));
    }
    int winners = 0;
    for (Future<Void> f : racers) {
      try {
        await(f);
        winners++;
      } catch (FileError e) {
        assertTrue(
            e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.VERSION_CONFLICT,
            "a losing delete fails with not-found or version-conflict, not " + e);
      }
    }
    assertEquals(1, winners);
    assertFails(ErrorCode.NOT_FOUND, store().get(r.uploadId()));
  }

  @Test
  default void ofConcurrentCreatesOfOneIdExactlyOneWins() {
    String id = Records.newId();
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      racers.add(store().create(Records.processed("ann", "writer" + i).uploadId(id).build()));
    }
    List<FileRecord> winners = new ArrayList<>();
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.CONFLICT, f)) {
        winners.add(f.result());
      }
    }
    assertEquals(1, winners.size(), "winners: " + winners);
    assertEquals(winners.get(0), get(id));
  }

  @Test
  default void anUpdateRacingADeleteEitherWinsBeforeItOrFails() {
    FileRecord r = create(Records.processed("ann", "start"));
    Future<FileRecord> update = store().update(r.toBuilder().name("late").build(), 1);
    Future<Void> delete = store().delete(r.uploadId(), 1);
    // The update loses to a delete applied first by finding nothing: not-found is as right as
    // version-conflict (FileStore#update allows both).
    boolean updated =
        succeededOr(java.util.Set.of(ErrorCode.VERSION_CONFLICT, ErrorCode.NOT_FOUND), update);
    boolean deleted = succeededOr(ErrorCode.VERSION_CONFLICT, delete);
    assertTrue(updated != deleted, "exactly one of update and delete wins");
    if (deleted) {
      assertFails(ErrorCode.NOT_FOUND, store().get(r.uploadId()));
    } else {
      assertEquals("late", get(r.uploadId()).name());
    }
  }

  /**
   * Writers that re-read and retry on {@code version-conflict} all get their increment in: the
   * counter ends at writers × increments, one version per increment.
   */
  @Test
  default void writersThatRetryLoseNoUpdate() {
    FileRecord r = create(Records.processed("ann", "counter").custom("c_count", 0));
    int increments = 5;
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS / 2; w++) {
      writers.add(incrementTimes(r.uploadId(), increments));
    }
    for (Future<Void> w : writers) {
      await(w);
    }
    int total = WRITERS / 2 * increments;
    FileRecord done = get(r.uploadId());
    assertEquals((long) total, done.custom().get("c_count"));
    assertEquals(1 + total, done.version());
  }

  private Future<Void> incrementTimes(String uploadId, int times) {
    if (times == 0) {
      return Future.succeededFuture();
    }
    return increment(uploadId, 0).compose(v -> incrementTimes(uploadId, times - 1));
  }

  private Future<Void> increment(String uploadId, int attempt) {
    if (attempt > 200) {
      return Future.failedFuture(new AssertionError("an increment never got through"));
    }
    return store()
        .get(uploadId)
        .compose(
            r -> {
              long n = (Long) r.custom().get("c_count");
              return store().update(r.toBuilder().custom("c_count", n + 1).build(), r.version());
            })
        .<Void>mapEmpty()
        .recover(
            e ->
                e instanceof FileError fe && fe.code() == ErrorCode.VERSION_CONFLICT
                    ? increment(uploadId, attempt + 1)
                    : Future.failedFuture(e));
  }

  @Test
  default void concurrentWritesToDifferentRecordsAllSucceed() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 0; i < 3 * WRITERS; i++) {
      rows.add(Records.processed(i % 2 == 0 ? "ann" : "bob", "r" + i).alias("a" + i).build());
    }
    rows = createAll(rows);
    List<Future<FileRecord>> writes = new ArrayList<>();
    for (FileRecord r : rows) {
      writes.add(store().update(r.toBuilder().alias("b" + r.name()).build(), 1));
    }
    for (Future<FileRecord> w : writes) {
      assertEquals(2, await(w).version());
    }
    for (FileRecord r : rows) {
      assertEquals(r.uploadId(), await(store().getByAlias(r.owner(), "b" + r.name())).uploadId());
    }
  }
}
