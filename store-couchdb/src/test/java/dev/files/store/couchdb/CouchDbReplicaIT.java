package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica.Page;
import dev.files.store.couchdb.CouchDbReplica.Wanted;
import dev.files.store.tck.Records;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The syncer's write path ({@link CouchDbReplica}) seen through the store: records keep the
 * primary's versions, newer wins, repeats are harmless, aliases follow.
 */
class CouchDbReplicaIT extends CouchDbTestBase {
  private CouchDbReplica replica;

  @BeforeEach
  void openReplica() {
    replica = await(CouchDbReplica.open(VERTX, CouchDbTestServer.shared().url(), database));
  }

  @AfterEach
  void closeReplica() {
    await(replica.close());
  }

  @Test
  void aReplicaKeepsItsVersionAndAnOlderOneIsSkipped() {
    FileRecord v5 = Records.processed("ann", "a").version(5).alias("x").build();
    assertEquals(1, apply(v5));
    assertEquals(v5, await(store.get(v5.uploadId())));
    assertEquals(0, apply(v5));
    assertEquals(0, apply(v5.toBuilder().version(4).name("old").build()));
    FileRecord v7 = v5.toBuilder().version(7).alias("y").build();
    assertEquals(1, apply(v7));
    assertEquals(v7, await(store.getByAlias("ann", "y")));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.getByAlias("ann", "x")));
    assertEquals(
        List.of(),
        documentIds().stream().filter(id -> id.startsWith("chg:")).toList(),
        "the replica writes no change entries");
  }

  @Test
  void anAliasMovesToTheReplicaThatHasItNow() {
    FileRecord a = Records.processed("ann", "a").version(2).alias("x").build();
    FileRecord b = Records.processed("ann", "b").version(3).alias("x").build();
    apply(a);
    apply(a.toBuilder().version(3).alias(null).build());
    apply(b);
    assertEquals(b.uploadId(), await(store.getByAlias("ann", "x")).uploadId());
  }

  /**
   * The interleaving behind FollowIT's lost alias: the primary moved alias x from a (v2 holds it,
   * v3 drops it) to b (v2). The syncer applies b@2 first, then a@2 read just before a@3 (a stale
   * read of another shard), then a@3. The older claim must not take the pointer away from b, and
   * a@3's release must not delete b's claim.
   */
  @Test
  void anOlderReplicaWriteAndItsReleaseLeaveTheNewerClaimInPlace() {
    FileRecord a2 = Records.processed("ann", "a").version(2).alias("x").build();
    FileRecord a3 = a2.toBuilder().version(3).alias(null).build();
    FileRecord b2 = Records.processed("ann", "b").version(2).alias("x").build();
    apply(b2);
    apply(a2);
    apply(a3);
    assertEquals(b2.uploadId(), await(store.getByAlias("ann", "x")).uploadId());
  }

  /** The same move applied in another order of the two shards: b's claim before a's release. */
  @Test
  void aClaimAppliedBeforeTheFormerHoldersReleaseSurvivesIt() {
    FileRecord a2 = Records.processed("ann", "a").version(2).alias("x").build();
    FileRecord a3 = a2.toBuilder().version(3).alias(null).build();
    FileRecord b2 = Records.processed("ann", "b").version(2).alias("x").build();
    apply(a2);
    apply(b2);
    apply(a3);
    assertEquals(b2.uploadId(), await(store.getByAlias("ann", "x")).uploadId());
  }

  /**
   * The replica follows the primary's current state: when the primary has no record, the copy goes,
   * and its tombstone (version: held + 1) holds back every older version that a late replay might
   * bring; a newer one (an id created again) is written.
   */
  @Test
  void aDeleteLeavesATombstoneThatHoldsBackOlderVersions() {
    FileRecord v3 = Records.processed("ann", "a").version(3).build();
    apply(v3);
    assertEquals(1, delete(v3.uploadId(), 4));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.get(v3.uploadId())));
    assertEquals(0, delete(v3.uploadId(), 4));
    assertEquals(0, apply(v3));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.get(v3.uploadId())));
    assertEquals(1, apply(v3.toBuilder().version(5).build()));
    assertEquals(5, await(store.get(v3.uploadId())).version());
  }

  /** Applying a record CouchDB already holds makes its alias claim again if it went missing. */
  @Test
  void applyingAnUpToDateRecordRestoresItsMissingClaim() {
    FileRecord a = Records.processed("ann", "a").version(2).alias("x").build();
    apply(a);
    await(replica.resetAlias("ann", "x", null));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.getByAlias("ann", "x")));
    assertEquals(0, apply(a));
    assertEquals(a, await(store.getByAlias("ann", "x")));
  }

  /**
   * Pages go on after any id: the start key is sent as a JSON string. CouchDB answers a bare one
   * with 400 ("invalid UTF-8 JSON") from the second page on; pouchdb-server takes most bare keys as
   * text but reads {@code null} as JSON null and starts over.
   */
  @Test
  void pagesContinueAfterIdsThatAreNotJsonStrings() {
    for (String id : List.of("10", "9", "a", "null")) {
      apply(Records.processed("ann", id).uploadId(id).build());
    }
    List<String> seen = new ArrayList<>();
    String after = null;
    for (int i = 0; i < 50; i++) {
      Page page = await(replica.page(after, 1));
      seen.addAll(page.records().keySet());
      after = page.next();
      if (after == null) {
        break;
      }
    }
    assertEquals(List.of("10", "9", "a", "null"), seen);
  }

  private int apply(FileRecord r) {
    return await(replica.replicate(List.of(new Wanted(r.uploadId(), r, 0)), false)).applied();
  }

  private int delete(String uploadId, long deletedVersion) {
    return await(replica.replicate(List.of(new Wanted(uploadId, null, deletedVersion)), false))
        .applied();
  }
}
