package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeFeed;
import dev.files.store.ChangeOp;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optional change feed ({@link ChangeFeed}): every create, update and delete once, in the order
 * applied, with the version after the change (a delete: the deleted version plus one); {@code
 * since}/{@code limit} paging and {@code last}; racing writers append one entry per write that won.
 *
 * <p>A backend whose store offers the feed declares it in its contract test: {@code class
 * RedisStoreContractIT extends FileStoreContract implements ChangeFeedContract}.
 */
public interface ChangeFeedContract extends ContractSupport {

  /** The store under test as a change feed; a test class implements this interface to say so. */
  default ChangeFeed feed() {
    if (store() instanceof ChangeFeed feed) {
      return feed;
    }
    throw new AssertionError(
        "the test class declares ChangeFeedContract but its store is no ChangeFeed: "
            + store().getClass().getName());
  }

  /** What the feed says, without the opaque seq. */
  record Entry(String uploadId, long version, ChangeOp op) {
    static Entry of(Change c) {
      return new Entry(c.uploadId(), c.version(), c.op());
    }
  }

  private List<Entry> entries(ChangeBatch batch) {
    return batch.changes().stream().map(Entry::of).toList();
  }

  /** Reads the whole feed from the start, {@code limit} entries at a time. */
  private List<Change> readAll(int limit) {
    List<Change> out = new ArrayList<>();
    String since = null;
    for (int reads = 0; ; reads++) {
      assertTrue(reads < 1000, "reading the feed does not end; so far " + out.size() + " entries");
      ChangeBatch batch = await(feed().changes(since, limit));
      assertTrue(batch.changes().size() <= limit, "at most limit entries");
      if (batch.changes().isEmpty()) {
        assertEquals(since, batch.last(), "an empty batch gives back since");
        return out;
      }
      assertEquals(batch.changes().get(batch.changes().size() - 1).seq(), batch.last());
      assertNotEquals(since, batch.last(), "last must move past a non-empty batch");
      out.addAll(batch.changes());
      since = batch.last();
    }
  }

  @Test
  default void anEmptyStoreHasAnEmptyFeed() {
    ChangeBatch batch = await(feed().changes(null, 10));
    assertEquals(List.of(), batch.changes());
    assertEquals(null, batch.last());
  }

  @Test
  default void everyWriteAppearsOnceInOrder() {
    FileRecord a = create(Records.processed("ann", "a"));
    FileRecord b = create(Records.processed("ann", "b"));
    a = update(a.toBuilder().name("a2").build());
    await(store().delete(b.uploadId(), 1));
    a = update(a.toBuilder().name("a3").build());
    await(store().delete(a.uploadId(), 3));
    String ia = a.uploadId();
    String ib = b.uploadId();
    assertEquals(
        List.of(
            new Entry(ia, 1, ChangeOp.CREATE),
            new Entry(ib, 1, ChangeOp.CREATE),
            new Entry(ia, 2, ChangeOp.UPDATE),
            new Entry(ib, 2, ChangeOp.DELETE),
            new Entry(ia, 3, ChangeOp.UPDATE),
            new Entry(ia, 4, ChangeOp.DELETE)),
        entries(await(feed().changes(null, 100))));
  }

  @Test
  default void failedWritesAppendNothing() {
    FileRecord a = create(Records.processed("ann", "a").alias("sea"));
    assertFails(ErrorCode.CONFLICT, store().create(a));
    assertFails(
        ErrorCode.ALIAS_TAKEN, store().create(Records.processed("ann", "b").alias("sea").build()));
    assertFails(ErrorCode.VERSION_CONFLICT, store().update(a, 5));
    assertFails(ErrorCode.VERSION_CONFLICT, store().delete(a.uploadId(), 5));
    assertFails(ErrorCode.NOT_FOUND, store().delete("no-such-id", 1));
    assertEquals(
        List.of(new Entry(a.uploadId(), 1, ChangeOp.CREATE)),
        entries(await(feed().changes(null, 100))));
  }

  @Test
  default void sinceAndLimitPageThroughTheFeed() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      rows.add(Records.processed("ann", "r" + i).build());
    }
    for (FileRecord r : rows) {
      create(r);
    }
    for (FileRecord r : rows.subList(0, 3)) {
      update(get(r.uploadId()).toBuilder().name("again").build());
    }
    List<Change> whole = await(feed().changes(null, 100)).changes();
    assertEquals(10, whole.size());
    for (int limit : new int[] {1, 3, 4, 10, 11}) {
      assertEquals(whole, readAll(limit), "limit " + limit);
    }
    ChangeBatch head = await(feed().changes(null, 4));
    ChangeBatch tail = await(feed().changes(head.last(), 100));
    assertEquals(whole.subList(4, 10), tail.changes());
  }

  @Test
  default void seqsAreDistinct() {
    FileRecord a = create(Records.processed("ann", "a"));
    for (int i = 0; i < 4; i++) {
      a = update(a.toBuilder().name("n" + i).build());
    }
    Set<String> seqs = new HashSet<>();
    for (Change c : await(feed().changes(null, 100)).changes()) {
      assertNotNull(c.seq());
      assertTrue(seqs.add(c.seq()), "seq " + c.seq() + " repeats");
    }
    assertEquals(5, seqs.size());
  }

  @Test
  default void lastIsWhereTheNextReadStarts() {
    create(Records.processed("ann", "a"));
    ChangeBatch first = await(feed().changes(null, 100));
    assertEquals(1, first.changes().size());
    ChangeBatch none = await(feed().changes(first.last(), 100));
    assertEquals(List.of(), none.changes());
    assertEquals(first.last(), none.last());
    FileRecord b = create(Records.processed("ann", "b"));
    ChangeBatch more = await(feed().changes(none.last(), 100));
    assertEquals(List.of(new Entry(b.uploadId(), 1, ChangeOp.CREATE)), entries(more));
    assertEquals(more.changes().get(0).seq(), more.last());
  }

  @Test
  default void concurrentWritesAppearWithEveryVersionOfEachRecordInOrder() {
    List<FileRecord> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(Records.processed("ann", "r" + i).build());
    }
    rows = createAll(rows);
    for (int round = 0; round < 3; round++) {
      List<Future<FileRecord>> writes = new ArrayList<>();
      for (FileRecord r : rows) {
        writes.add(store().update(r.toBuilder().name("round" + r.version()).build(), r.version()));
      }
      List<FileRecord> next = new ArrayList<>();
      for (Future<FileRecord> w : writes) {
        next.add(await(w));
      }
      rows = next;
    }
    Map<String, Long> lastVersion = new HashMap<>();
    List<Change> feed = readAll(5);
    assertEquals(6 * 4, feed.size());
    for (Change c : feed) {
      long expected = lastVersion.getOrDefault(c.uploadId(), 0L) + 1;
      assertEquals(expected, c.version(), "versions of " + c.uploadId() + " in feed order");
      assertEquals(expected == 1 ? ChangeOp.CREATE : ChangeOp.UPDATE, c.op());
      lastVersion.put(c.uploadId(), c.version());
    }
  }

  @Test
  default void ofConcurrentDeletesOnlyTheWinnerAppends() {
    FileRecord r = create(Records.processed("ann", "start"));
    List<Future<Void>> racers = new ArrayList<>();
    for (int i = 0; i < ConcurrencyContract.WRITERS; i++) {
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
    assertEquals(
        List.of(
            new Entry(r.uploadId(), 1, ChangeOp.CREATE),
            new Entry(r.uploadId(), 2, ChangeOp.DELETE)),
        entries(await(feed().changes(null, 100))));
  }

  @Test
  default void ofConcurrentCreatesOfOneIdOnlyTheWinnerAppends() {
    String id = Records.newId();
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < ConcurrencyContract.WRITERS; i++) {
      racers.add(store().create(Records.processed("ann", "writer" + i).uploadId(id).build()));
    }
    int winners = 0;
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.CONFLICT, f)) {
        winners++;
      }
    }
    assertEquals(1, winners);
    assertEquals(
        List.of(new Entry(id, 1, ChangeOp.CREATE)), entries(await(feed().changes(null, 100))));
  }
}
