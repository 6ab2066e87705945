package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica.Outcome;
import dev.files.store.couchdb.CouchDbReplica.Wanted;
import io.vertx.core.DeploymentOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replayed, duplicated and out-of-order changes never take CouchDB back. */
class ReplayIT extends SyncerTestBase {

  @Test
  void olderVersionsNeverOverwriteNewerOnes() {
    FileRecord v1 = createMany(1, 1).get(0);
    FileRecord v2 = await(primary.update(v1.toBuilder().name("two").build(), 1));
    FileRecord v3 = await(primary.update(v2.toBuilder().name("three").build(), 2));
    String id = v1.uploadId();

    assertEquals(new Outcome(1, 0), replicate(new Wanted(id, v3, 0), false));
    assertEquals(new Outcome(0, 1), replicate(new Wanted(id, v2, 0), false), "older: skipped");
    assertEquals(new Outcome(0, 1), replicate(new Wanted(id, v3, 0), false), "same: skipped");
    assertEquals("three", await(couchStore.get(id)).name());

    // deleted at version 4: the tombstone keeps version 4 and holds back every older state
    assertEquals(new Outcome(1, 0), replicate(new Wanted(id, null, 4), false));
    assertEquals(new Outcome(0, 1), replicate(new Wanted(id, v3, 0), false));
    assertEquals(new Outcome(0, 1), replicate(new Wanted(id, null, 4), false), "deleted twice");
    assertEquals(
        ErrorCode.NOT_FOUND, FollowIT.assertThrows(() -> await(couchStore.get(id))).code());

    // repair (force) writes the primary's state even over a higher version
    assertEquals(new Outcome(1, 0), replicate(new Wanted(id, v1, 0), true));
    assertEquals(1, await(couchStore.get(id)).version());
  }

  @Test
  void replayedAndOutOfOrderStreamEntriesChangeNothing() {
    List<FileRecord> records = createMany(40, 20);
    for (int i = 0; i < 20; i++) {
      FileRecord r = records.get(i);
      await(primary.update(r.toBuilder().name("two " + i).build(), 1));
    }
    for (int i = 30; i < 40; i++) {
      await(primary.delete(records.get(i).uploadId(), 1));
    }
    await(new Backfill(config, ends, metrics).run(false));
    assertTrue(verify(false).parity());
    String id =
        await(
            vertx.deployVerticle(
                new SyncerVerticle(metrics), new DeploymentOptions().setConfig(root.copy())));
    long appliedBefore = metrics.applied();

    // entries from the past, newest first: creates and updates of old versions, deletes of live
    // records at versions they never had, creates of deleted records
    int added = 0;
    for (int i = 39; i >= 0; i--) {
      FileRecord r = records.get(i);
      int shard = await(ends.redis().shardOf(r.uploadId()));
      int n = shard >= 0 ? shard : 0;
      String op = i >= 30 ? "create" : i % 2 == 0 ? "update" : "delete";
      await(
          ends.redis()
              .send(
                  Request.cmd(Command.XADD)
                      .arg(ends.redis().stream(n))
                      .arg("*")
                      .arg("u")
                      .arg(r.uploadId())
                      .arg("v")
                      .arg(1)
                      .arg("o")
                      .arg(op),
                  "replay"));
      added++;
    }
    int replayed = added;
    eventually(
        20,
        () -> metrics.acked() >= replayed && metrics.lagEntries() == 0,
        () -> metrics.snapshot().encode());

    Verifier.Report report = verify(false);
    assertTrue(report.parity(), report::toString);
    assertEquals(30, report.couchRecords());
    assertEquals(appliedBefore, metrics.applied(), "nothing written: " + metrics.snapshot());
    assertEquals("two 3", await(couchStore.get(records.get(3).uploadId())).name());
    assertEquals(2, await(couchStore.get(records.get(3).uploadId())).version());
    await(vertx.undeploy(id));
  }

  private Outcome replicate(Wanted w, boolean force) {
    return await(ends.couch().replicate(List.of(w), force));
  }

  static Map<String, Long> none() {
    return Map.of();
  }
}
