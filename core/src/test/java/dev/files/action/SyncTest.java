package dev.files.action;

import static dev.files.action.Fixture.ADMIN;
import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.SYSTEM;
import static dev.files.action.Fixture.png;
import static dev.files.action.Fixture.req;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.ListQuery;
import dev.files.store.memory.MemoryFileStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** files.sync: the reconciler finishes, expires, reprocesses and purges. */
class SyncTest {
  private final Fixture f = new Fixture(ActionOptions.builder().syncPageSize(2).build());

  private JsonObject sync() {
    return f.call("files.sync", SYSTEM, req());
  }

  private long records() {
    return await(f.store.list(ListQuery.all())).total();
  }

  @Test
  void finishesPendingUploadsWhoseObjectsExist() {
    JsonObject a = f.pending(ALICE, "a");
    JsonObject b = f.pending(ALICE, "b");
    JsonObject c = f.pending(ALICE, "c");
    for (JsonObject p : List.of(a, b)) {
      f.blobs.put(
          "bucket-1", p.getJsonArray("files").getJsonObject(0).getString("filename"), png(4, 3));
    }
    JsonObject r = sync();
    assertEquals(2, r.getLong("finished"));
    assertEquals(3, r.getLong("scanned"));
    assertEquals("uploaded", f.record(a.getString("uploadId")).getString("status"));
    assertEquals("pending", f.record(c.getString("uploadId")).getString("status"));
    assertEquals(Set.of(a.getString("uploadId"), b.getString("uploadId")), Set.copyOf(f.scheduled));
    assertEquals(2, f.scheduled.size());
    assertEquals(0, sync().getLong("finished"), "idempotent");
  }

  @Test
  void expiresPendingUploadsPastTheTtlWithTheirObjects() {
    JsonObject old = f.pending(ALICE, "old");
    String filename = old.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, png(1, 1)); // a partial/wrong upload
    f.clock.advance(Duration.ofHours(25));
    JsonObject young = f.pending(ALICE, "young");
    JsonObject r = sync();
    assertEquals(1, r.getLong("expired"));
    assertFalse(f.blobs.exists("bucket-1", filename));
    assertEquals(1, records());
    assertEquals("pending", f.record(young.getString("uploadId")).getString("status"));
  }

  @Test
  void aFailedObjectDeleteIsRetriedByTheNextSync() {
    JsonObject old = f.pending(ALICE, "old");
    String filename = old.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, png(1, 1));
    f.clock.advance(Duration.ofHours(25));
    f.blobs.failDeletes(true);
    assertEquals(0, sync().getLong("expired"));
    assertEquals(1, records(), "the record stays while its object does");
    assertEquals(
        0L, f.record(old.getString("uploadId")).getLong("deletedAt"), "marked for purging");
    f.expect(ErrorCode.NOT_FOUND, "files.finish", SYSTEM, req("filename", filename));
    f.blobs.failDeletes(false);
    assertEquals(1, sync().getLong("purged"));
    assertEquals(0, records());
    assertEquals(0, f.blobs.size());
  }

  @Test
  void removesTempFilesPastTheTtl() {
    String temp = f.processed(ALICE, "temp", req("temp", true)).getString("uploadId");
    String kept = f.processed(ALICE, "kept").getString("uploadId");
    assertEquals(0, sync().getLong("expired"));
    f.clock.advance(Duration.ofHours(25));
    assertEquals(1, sync().getLong("expired"));
    f.expect(ErrorCode.NOT_FOUND, "files.info", ALICE, req("username", "alice", "uploadId", temp));
    assertEquals("processed", f.record(kept).getString("status"));
    assertEquals(1, f.blobs.size());
  }

  @Test
  void reprocessesStuckUploadsAndExpiredLeases() {
    JsonObject stuck = f.pending(ALICE, "stuck");
    f.store(stuck, Map.of("original", png(4, 3)));
    JsonObject leased = f.pending(ALICE, "leased");
    f.store(leased, Map.of("original", png(4, 3)));
    FileRecord r = await(f.store.get(leased.getString("uploadId")));
    await(
        f.store.update(
            r.toBuilder().status(Status.PROCESSING).leaseUntil(f.clock.millis() + 60_000).build(),
            r.version()));
    f.scheduled.clear();
    assertEquals(0, sync().getLong("reprocessed"), "neither stuck nor expired yet");
    f.clock.advance(Duration.ofMinutes(11));
    JsonObject out = sync();
    assertEquals(2, out.getLong("reprocessed"));
    assertTrue(
        f.scheduled.containsAll(
            List.of(stuck.getString("uploadId"), leased.getString("uploadId"))));
    f.scheduled.forEach(f::process);
    assertEquals("processed", f.record(leased.getString("uploadId")).getString("status"));
    assertEquals("processed", f.record(stuck.getString("uploadId")).getString("status"));
  }

  @Test
  void purgesSoftDeletedPastRetentionOnly() {
    String gone = f.processed(ALICE, "gone").getString("uploadId");
    f.call("files.remove", ALICE, req("uploadId", gone, "username", "alice", "softDelete", true));
    f.clock.advance(Duration.ofDays(29));
    assertEquals(0, sync().getLong("purged"));
    f.clock.advance(Duration.ofDays(2));
    f.expect(
        ErrorCode.NOT_FOUND, "files.restore", ALICE, req("uploadId", gone, "username", "alice"));
    assertEquals(1, sync().getLong("purged"));
    assertEquals(0, records());
    assertEquals(0, f.blobs.size());
  }

  @Test
  void hardRemoveWithFailingObjectDeletesIsFinishedBySync() {
    String id = f.processed(ALICE, "doomed").getString("uploadId");
    f.call(
        "files.update",
        ALICE,
        req("uploadId", id, "username", "alice", "meta", req("alias", "doomed")));
    f.blobs.failDeletes(true);
    assertEquals(
        true,
        f.call("files.remove", ALICE, req("uploadId", id, "username", "alice"))
            .getBoolean("removed"));
    f.expect(ErrorCode.NOT_FOUND, "files.info", ALICE, req("username", "alice", "uploadId", id));
    f.expect(ErrorCode.NOT_FOUND, "files.restore", ALICE, req("uploadId", id, "username", "alice"));
    assertEquals(
        0,
        f.call("files.list", ALICE, req("username", "alice", "owner", "alice")).getLong("total"));
    String other = f.processed(ALICE, "next").getString("uploadId");
    f.call(
        "files.update",
        ALICE,
        req("uploadId", other, "username", "alice", "meta", req("alias", "doomed")));
    assertNotNull(f.record(id), "kept until its objects are gone");
    assertEquals(0, sync().getLong("purged"));
    f.blobs.failDeletes(false);
    assertEquals(1, sync().getLong("purged"));
    f.expect(ErrorCode.NOT_FOUND, "files.info", ADMIN, req("username", "root", "uploadId", id));
    assertEquals(1, f.blobs.size());
  }

  @Test
  void expiresFailedUploadsThatNeverCompleted() {
    JsonObject p = f.pending(ALICE, "bad");
    String filename = p.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, Fixture.text("wrong"));
    f.expect(ErrorCode.INVALID_CONTENT, "files.finish", SYSTEM, req("filename", filename));
    f.clock.advance(Duration.ofHours(25));
    assertEquals(1, sync().getLong("expired"));
    assertEquals(0, f.blobs.size());
  }

  @Test
  void needsAdmin() {
    f.expect(ErrorCode.FORBIDDEN, "files.sync", ALICE, req("username", "alice"));
    assertEquals(0, f.call("files.sync", ADMIN, req("username", "root")).getLong("scanned"));
  }

  @Test
  void twoRunsAtOnceCountEachRemovalOnce() {
    // two instances' files.sync over one store: the first expires the upload and is held at its
    // delete, the second finds the marked record in its purge scan and deletes it too
    RacingStore racing = new RacingStore(new MemoryFileStore());
    Fixture g = new Fixture(ActionOptions.builder().syncPageSize(2).build(), racing);
    String id = g.pending(ALICE, "stale").getString("uploadId");
    g.clock.advance(Duration.ofHours(25));
    Promise<Void> gate = Promise.promise();
    racing.holdDeletesUntil(gate.future());
    Future<JsonObject> first = g.actions.call("files.sync", SYSTEM, req());
    Future<JsonObject> second = g.actions.call("files.sync", SYSTEM, req());
    assertEquals(2, racing.deletesAsked(), "both runs reached the record's delete");
    gate.complete();
    JsonObject a = await(first);
    JsonObject b = await(second);
    long removals =
        a.getLong("expired") + a.getLong("purged") + b.getLong("expired") + b.getLong("purged");
    assertEquals(1, removals, "one upload removed once: " + a.encode() + " " + b.encode());
    g.expect(ErrorCode.NOT_FOUND, "files.info", ADMIN, req("uploadId", id));
  }
}
