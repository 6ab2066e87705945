package dev.files.action;

import static dev.files.action.Fixture.ADMIN;
import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.ANONYMOUS;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.SYSTEM;
import static dev.files.action.Fixture.part;
import static dev.files.action.Fixture.png;
import static dev.files.action.Fixture.req;
import static dev.files.action.Fixture.text;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** files.process: states, leases, retries and content checks. */
class ProcessTest {
  private final Fixture f = new Fixture();

  private String uploaded(byte[] bytes, String contentType) {
    JsonObject pending =
        f.call(
            "files.upload",
            ALICE,
            Fixture.uploadRequest("alice", "p", part("original", contentType, bytes)));
    f.store(pending, Map.of("original", bytes));
    return pending.getString("uploadId");
  }

  @Test
  void onlyFromUploadedOrFailed() {
    JsonObject pending = f.pending(ALICE, "x");
    f.expect(
        ErrorCode.NOT_READY,
        "files.process",
        SYSTEM,
        req("uploadId", pending.getString("uploadId")));
    f.expect(ErrorCode.NOT_FOUND, "files.process", SYSTEM, req("uploadId", "nope"));
    f.expect(ErrorCode.VALIDATION, "files.process", SYSTEM, req());
  }

  @Test
  void aLiveLeaseIsBusyAndAnExpiredOneIsTakenOver() {
    String id = uploaded(png(2, 2), "image/png");
    FileRecord r = await(f.store.get(id));
    long lease = f.clock.millis() + 60_000;
    await(
        f.store.update(
            r.toBuilder().status(Status.PROCESSING).leaseUntil(lease).build(), r.version()));
    f.expect(ErrorCode.BUSY, "files.process", SYSTEM, req("uploadId", id));
    f.clock.advance(Duration.ofMinutes(2));
    assertEquals("processed", f.process(id).getString("status"));
    assertNull(f.record(id).getValue("leaseUntil"));
  }

  @Test
  void bytesContradictingTheDeclaredTypeFailProcessing() {
    String id = uploaded(text("just some text"), "image/png");
    var e = f.error("files.process", SYSTEM, req("uploadId", id));
    assertEquals(ErrorCode.INVALID_CONTENT, e.code());
    JsonObject rec = f.record(id);
    assertEquals("failed", rec.getString("status"));
    assertEquals(1, rec.getInteger("errorCount"));
    assertTrue(rec.getString("error").contains("text/plain"), rec.getString("error"));
    f.expect(
        ErrorCode.NOT_READY, "files.download", ALICE, req("uploadId", id, "username", "alice"));
  }

  @Test
  void compatibleDetectionsPass() {
    assertEquals(
        "processed",
        f.process(uploaded(text("{\"a\":1}"), "application/json")).getString("status"));
    assertEquals(
        "processed", f.process(uploaded(new byte[] {0, 1, 2, 3}, "video/mp4")).getString("status"));
  }

  @Test
  void anObjectChangedAfterFinishFailsProcessing() {
    JsonObject pending = f.pending(ALICE, "x");
    f.store(pending, Map.of("original", png(4, 3)));
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, png(9, 9));
    f.expect(
        ErrorCode.INVALID_CONTENT,
        "files.process",
        SYSTEM,
        req("uploadId", pending.getString("uploadId")));
    await(f.blobs.delete("bucket-1", filename, null));
    var e = f.error("files.process", SYSTEM, req("uploadId", pending.getString("uploadId")));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    assertEquals(2, f.record(pending.getString("uploadId")).getInteger("errorCount"));
  }

  @Test
  void unavailableStorageDefersWithoutCounting() {
    String id = uploaded(png(2, 2), "image/png");
    f.blobs.failStats(true);
    f.expect(ErrorCode.UNAVAILABLE, "files.process", SYSTEM, req("uploadId", id));
    JsonObject rec = f.record(id);
    assertEquals("uploaded", rec.getString("status"));
    assertEquals(0, rec.getInteger("errorCount"));
    f.blobs.failStats(false);
    JsonObject done = f.process(id);
    assertEquals("processed", done.getString("status"));
    assertNull(done.getValue("error"));
  }

  @Test
  void postActionWithATakenAliasFailsProcessing() {
    f.processed(ALICE, "first", req("postAction", req("update", req("alias", "cover"))));
    String id =
        f.call(
                "files.upload",
                ALICE,
                Fixture.uploadRequest("alice", "second", part("original", "image/png", png(4, 3)))
                    .put("postAction", req("update", req("alias", "cover"))))
            .getString("uploadId");
    f.store(
        new JsonObject().put("files", f.record(id).getJsonArray("files")),
        Map.of("original", png(4, 3)));
    f.expect(ErrorCode.ALIAS_TAKEN, "files.process", SYSTEM, req("uploadId", id));
    assertEquals("failed", f.record(id).getString("status"));
  }

  @Test
  void aConcurrentClaimMakesTheSecondCallBusy() {
    RacingStore racing = new RacingStore(new dev.files.store.memory.MemoryFileStore());
    Fixture g = new Fixture(ActionOptions.defaults(), racing);
    JsonObject pending = g.pending(ALICE, "x");
    g.store(pending, Map.of("original", png(4, 3)));
    String id = pending.getString("uploadId");
    // another worker claims the record between this call's read and its claim
    racing.beforeNextUpdate(
        () -> {
          FileRecord r = await(racing.get(id));
          await(
              racing.update(
                  r.toBuilder()
                      .status(Status.PROCESSING)
                      .leaseUntil(g.clock.millis() + 60_000)
                      .build(),
                  r.version()));
        });
    g.expect(ErrorCode.BUSY, "files.process", SYSTEM, req("uploadId", id));
    assertEquals("processing", g.record(id).getString("status"));
  }

  @Test
  void aWorkerThatLostItsLeaseWritesNothing() {
    RacingStore racing = new RacingStore(new dev.files.store.memory.MemoryFileStore());
    Fixture g = new Fixture(ActionOptions.defaults(), racing);
    JsonObject pending = g.pending(ALICE, "x");
    g.store(pending, Map.of("original", png(4, 3)));
    String id = pending.getString("uploadId");
    racing.beforeUpdate(
        2,
        () -> {
          // the lease expired and another worker took the record over
          FileRecord r = await(racing.get(id));
          await(racing.update(r.toBuilder().leaseUntil(r.leaseUntil() + 1).build(), r.version()));
        });
    g.expect(ErrorCode.BUSY, "files.process", SYSTEM, req("uploadId", id));
    JsonObject rec = g.record(id);
    assertEquals("processing", rec.getString("status"));
    assertEquals(0, rec.getInteger("errorCount"));
  }

  @Test
  void usersMayRetryTheirOwnOnly() {
    String id = uploaded(png(2, 2), "image/png");
    f.expect(ErrorCode.UNAUTHENTICATED, "files.process", ANONYMOUS, req("uploadId", id));
    f.expect(ErrorCode.FORBIDDEN, "files.process", BOB, req("uploadId", id, "username", "bob"));
    assertEquals(
        "processed",
        f.call("files.process", ALICE, req("uploadId", id, "username", "alice"))
            .getString("status"));
    f.expect(ErrorCode.NOT_READY, "files.process", ADMIN, req("uploadId", id));
  }
}
