package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.tck.Records;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** follow inside a verticle, with writes, updates, alias moves and deletes going on meanwhile. */
class FollowIT extends SyncerTestBase {

  @Test
  void writesUpdatesAliasChangesAndDeletesReachParity() {
    SyncerVerticle verticle = new SyncerVerticle(metrics);
    String id =
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(root.copy())));

    // a second group that has read nothing holds trimming back on every stream
    GroupStreams other = new GroupStreams(ends.redis(), "other", "x");
    await(other.ensureGroups());

    List<FileRecord> records = createMany(300, 50);
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      FileRecord r = records.get(i);
      writes.add(
          primary.update(
              r.toBuilder().name("renamed " + i).alias("alias-" + i).build(), r.version()));
    }
    for (int i = 200; i < 250; i++) {
      writes.add(primary.delete(records.get(i).uploadId(), 1));
    }
    await(Future.all(writes));

    // move an alias from one record to another of the same owner
    FileRecord a = await(primary.get(records.get(0).uploadId()));
    await(primary.update(a.toBuilder().alias(null).build(), a.version()));
    FileRecord b = records.get(111); // same owner as records[0] (owner0), untouched so far
    await(primary.update(b.toBuilder().alias("alias-0").build(), b.version()));
    // a second round of updates on records already changed
    for (int i = 50; i < 100; i++) {
      FileRecord r = await(primary.get(records.get(i).uploadId()));
      await(primary.update(r.toBuilder().tags(List.of("again")).build(), r.version()));
    }
    FileRecord created = await(primary.create(Records.processed("late", "late").build()));

    eventually(
        30,
        () -> metrics.lagEntries() == 0 && verify(false).parity(),
        () -> "lag " + metrics.snapshot() + " " + verify(false));
    assertEquals(251, verify(false).redisRecords());
    assertEquals(b.uploadId(), await(couchStore.getByAlias("owner0", "alias-0")).uploadId());
    assertEquals(
        "renamed 5", await(couchStore.getByAlias("owner5", "alias-5")).name(), "alias set");
    assertEquals(created.uploadId(), await(couchStore.get(created.uploadId())).uploadId());
    FileError gone = assertThrows(() -> await(couchStore.get(records.get(200).uploadId())));
    assertEquals(ErrorCode.NOT_FOUND, gone.code());
    assertTrue(metrics.applied() > 0 && metrics.acked() > 0, metrics.snapshot().encode());

    // trimming: held back by the group that read nothing, free once it is gone
    long before = streamLength();
    assertTrue(before > 0);
    for (int n = 0; n < ends.redis().shards(); n++) {
      await(
          ends.redis()
              .send(
                  Request.cmd(Command.XGROUP)
                      .arg("DESTROY")
                      .arg(ends.redis().stream(n))
                      .arg("other"),
                  "destroy group"));
    }
    eventually(10, () -> streamLength() <= ends.redis().shards(), () -> "length " + streamLength());

    await(vertx.undeploy(id));
  }

  private long streamLength() {
    long sum = 0;
    for (int n = 0; n < ends.redis().shards(); n++) {
      sum +=
          await(ends.redis().send(Request.cmd(Command.XLEN).arg(ends.redis().stream(n)), "xlen"))
              .toLong();
    }
    return sum;
  }

  static FileError assertThrows(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return FileError.of(e);
    }
    throw new AssertionError("expected a failure");
  }
}
