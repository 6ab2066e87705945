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

    List<Change> all = readAll(null, 1);
    assertEquals(2, all.size(), all.toString());
    Change first = all.get(0);
    Change second = all.get(1);
    assertEquals(b.uploadId(), first.uploadId());
    assertEquals(2, first.version());
    assertEquals(ChangeOp.UPDATE, first.op());
    assertEquals(a.uploadId(), second.uploadId());
    assertEquals(2, second.version());
    assertEquals(ChangeOp.DELETE, second.op());
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
