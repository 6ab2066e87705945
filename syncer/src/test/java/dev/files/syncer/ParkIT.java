package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.tck.Records;
import io.vertx.core.DeploymentOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record that can never be applied (here: Redis holds it in a form that cannot be decoded) is
 * parked, counted and reported by verify, and the follower goes on with its shard instead of
 * retrying it forever.
 */
class ParkIT extends SyncerTestBase {

  @Test
  void aRecordThatFailsPermanentlyIsParkedAndTheShardMovesOn() {
    String deployment =
        await(
            vertx.deployVerticle(
                new SyncerVerticle(metrics), new DeploymentOptions().setConfig(root.copy())));
    List<FileRecord> records = createMany(8, 8);
    eventually(30, () -> verify(false).parity(), () -> verify(false).toString());

    FileRecord bad = records.get(0);
    int shard = corrupt(bad);
    redis(
        Request.cmd(Command.XADD)
            .arg(ends.redis().stream(shard))
            .arg("*")
            .arg("u")
            .arg(bad.uploadId())
            .arg("v")
            .arg(2)
            .arg("o")
            .arg("update"));
    // a later write: its entry comes after the bad one in some shard's stream
    FileRecord later = await(primary.create(Records.processed("owner0", "later").build()));

    eventually(
        30,
        () -> metrics.parked() >= 1 && present(later),
        () -> "parked " + metrics.snapshot() + ", later present: " + present(later));
    eventually(10, () -> metrics.lagEntries() == 0, () -> "lag " + metrics.snapshot());

    Verifier.Report report = verify(false);
    assertFalse(report.parity());
    assertEquals(List.of(bad.uploadId()), report.unreadable());
    assertEquals(List.of(bad.uploadId()), report.parked());
    assertEquals(List.of(), report.missing());
    assertEquals(List.of(), report.extra());
    await(vertx.undeploy(deployment));
  }

  @Test
  void backfillParksARecordThatFailsPermanentlyAndFinishes() {
    List<FileRecord> records = createMany(12, 12);
    FileRecord bad = records.get(3);
    corrupt(bad);

    Backfill.Result result = await(new Backfill(config, ends, metrics).run(false));
    assertTrue(result.finished());
    assertEquals(1, metrics.parked());
    Verifier.Report report = verify(false);
    assertEquals(List.of(bad.uploadId()), report.unreadable());
    assertEquals(List.of(bad.uploadId()), report.parked());
    assertEquals(List.of(), report.missing());
    assertEquals(11, report.couchRecords());
  }

  /** Makes Redis hold {@code r} in a form that cannot be decoded; returns its shard. */
  private int corrupt(FileRecord r) {
    int shard = await(ends.redis().shardOf(r.uploadId()));
    String key = config.redis().prefix() + "{s" + shard + "}:r:" + r.uploadId();
    redis(Request.cmd(Command.HSET).arg(key).arg("name").arg("{not json"));
    return shard;
  }

  private boolean present(FileRecord r) {
    try {
      return await(couchStore.get(r.uploadId())).version() == r.version();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void redis(Request request) {
    await(ends.redis().send(request, "test setup"));
  }
}
