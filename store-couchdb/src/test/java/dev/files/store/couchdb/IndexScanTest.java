package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.store.Direction;
import dev.files.store.tck.Records;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a scan keeps of the documents a {@code _find} returned. */
class IndexScanTest {
  private final IndexScan aliceListed =
      new IndexScan(
          null, Partition.LISTED, "alice", "uploadedAt", Direction.DESC, List.of(), null, true);

  @Test
  void aStaleScanAsksTheServerNotToUpdateTheIndex() {
    IndexScan stale =
        new IndexScan(
            null, Partition.LISTED, "alice", "uploadedAt", Direction.DESC, List.of(), null, false);
    assertEquals(false, stale.firstRequest(11).getBoolean("update"));
    assertFalse(aliceListed.firstRequest(11).containsKey("update"));
  }

  @Test
  void keepsTheRecordsOfItsRange() {
    JsonObject doc = CouchDbCodec.toDoc(Records.processed("alice", "a").build(), null);
    assertTrue(aliceListed.inRange(doc));
  }

  @Test
  void dropsATombstoneThatTheIndexStillPointedAt() {
    JsonObject tombstone = CouchDbCodec.tombstone("0b6f0d6e-8a47-4d7e-9a59-3f8c6b1f2a10", "2-x", 3);
    assertFalse(aliceListed.inRange(tombstone));
  }

  @Test
  void dropsDocumentsOfAnotherOwnerOrOutsideThePartition() {
    assertFalse(
        aliceListed.inRange(CouchDbCodec.toDoc(Records.processed("bob", "b").build(), null)));
    assertFalse(aliceListed.inRange(new JsonObject().put("_id", "x").put("owner", "alice")));
  }
}
