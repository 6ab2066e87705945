package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeOp;
import dev.files.store.tck.Records;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change feed from _changes: records only, latest version, op, opaque resumable seqs. */
class CouchDbChangesTest extends CouchDbTestBase {

  @Test
  void createUpdateDeleteAppearWithVersionAndOpAndAliasDocumentsDoNot() {
    FileRecord a = await(store.create(Records.processed("ann", "a").alias("x").build()));
    FileRecord b = await(store.create(Records.processed("ann", "b").build()));
    await(store.update(b.toBuilder().name("b2").build(), 1));
    await(store.delete(a.uploadId(), 1));

    List<String> all =
        readAll(null, 1).stream()
            .map(c -> c.uploadId() + " " + c.version() + " " + c.op())
            .toList();
    assertEquals(
        List.of(
            a.uploadId() + " 1 CREATE",
            b.uploadId() + " 1 CREATE",
            b.uploadId() + " 2 UPDATE",
            a.uploadId() + " 2 DELETE"),
        all);
  }

  @Test
  void aRecreatedRecordGetsItsOwnEntries() {
    FileRecord a = await(store.create(Records.processed("ann", "a").build()));
    await(store.delete(a.uploadId(), 1));
    await(store.create(a));
    assertEquals(
        List.of("1 CREATE", "2 DELETE", "1 CREATE"),
        readAll(null, 10).stream().map(c -> c.version() + " " + c.op()).toList());
  }

  @Test
  void readingOnFromTheLastSeqGivesOnlyNewChanges() {
    FileRecord a = await(store.create(Records.processed("ann", "a").build()));
    ChangeBatch first = await(store.changes(null, 100));
    assertEquals(List.of(ChangeOp.CREATE), first.changes().stream().map(Change::op).toList());
    assertEquals(a.uploadId(), first.changes().get(0).uploadId());

    ChangeBatch none = await(store.changes(first.last(), 100));
    assertTrue(none.changes().isEmpty());
    assertEquals(first.last(), none.last());

    FileRecord b = await(store.create(Records.processed("ann", "b").build()));
    ChangeBatch next = await(store.changes(first.last(), 100));
    assertEquals(List.of(b.uploadId()), next.changes().stream().map(Change::uploadId).toList());
  }

  /** Reads the whole feed in batches of {@code limit}. */
  private List<Change> readAll(String since, int limit) {
    List<Change> out = new ArrayList<>();
    String seq = since;
    for (int i = 0; i < 100; i++) {
      ChangeBatch batch = await(store.changes(seq, limit));
      out.addAll(batch.changes());
      if (batch.last() == null || batch.last().equals(seq)) {
        return out;
      }
      seq = batch.last();
    }
    throw new AssertionError("the feed did not end");
  }
}
