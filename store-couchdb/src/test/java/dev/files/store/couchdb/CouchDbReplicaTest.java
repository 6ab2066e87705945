package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.ChangeOp;
import dev.files.store.tck.Records;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The syncer's write path: records stored with their own versions, newer wins, idempotent. */
class CouchDbReplicaTest extends CouchDbTestBase {

  @Test
  void aReplicaKeepsItsVersionAndAnOlderOneIsSkipped() {
    FileRecord v5 = Records.processed("ann", "a").version(5).alias("x").build();
    assertTrue(await(store.applyReplica(v5)));
    assertEquals(v5, await(store.get(v5.uploadId())));
    assertFalse(await(store.applyReplica(v5)));
    assertFalse(await(store.applyReplica(v5.toBuilder().version(4).name("old").build())));
    FileRecord v7 = v5.toBuilder().version(7).alias("y").build();
    assertTrue(await(store.applyReplica(v7)));
    assertEquals(v7, await(store.getByAlias("ann", "y")));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.getByAlias("ann", "x")));
    assertEquals(
        List.of(ChangeOp.CREATE, ChangeOp.UPDATE),
        await(store.changes(null, 10)).changes().stream().map(c -> c.op()).toList());
  }

  @Test
  void anAliasMovesToTheReplicaThatHasItNow() {
    FileRecord a = Records.processed("ann", "a").version(2).alias("x").build();
    FileRecord b = Records.processed("ann", "b").version(3).alias("x").build();
    await(store.applyReplica(a));
    await(store.applyReplica(b));
    assertEquals(b.uploadId(), await(store.getByAlias("ann", "x")).uploadId());
  }

  @Test
  void removeDeletesOnlyOlderCopies() {
    FileRecord v3 = Records.processed("ann", "a").version(3).build();
    await(store.applyReplica(v3));
    assertFalse(await(store.removeReplica(v3.uploadId(), 3)));
    assertTrue(await(store.removeReplica(v3.uploadId(), 4)));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.get(v3.uploadId())));
    assertFalse(await(store.removeReplica(v3.uploadId(), 4)));
    assertFalse(await(store.applyReplica(v3)));
    assertTrue(await(store.applyReplica(v3.toBuilder().version(5).build())));
  }
}
