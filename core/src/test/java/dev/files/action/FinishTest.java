package dev.files.action;

import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.SYSTEM;
import static dev.files.action.Fixture.part;
import static dev.files.action.Fixture.png;
import static dev.files.action.Fixture.req;
import static dev.files.action.Fixture.text;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.memory.MemoryFileStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** files.finish: storage is the truth; wrong objects fail the record and are never processed. */
class FinishTest {

  @Test
  void unknownObjectsAre404() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    f.expect(ErrorCode.NOT_FOUND, "files.finish", SYSTEM, req("filename", "not/ours.png"));
    f.expect(
        ErrorCode.NOT_FOUND,
        "files.finish",
        SYSTEM,
        req("filename", filename.substring(0, 17) + UUID.randomUUID() + "/a.png"));
    f.expect(
        ErrorCode.NOT_FOUND,
        "files.finish",
        SYSTEM,
        req(
            "filename",
            filename.substring(0, filename.lastIndexOf('/')) + "/" + UUID.randomUUID() + ".png"));
    f.expect(
        ErrorCode.NOT_FOUND,
        "files.finish",
        SYSTEM,
        req("filename", filename, "bucket", "other-bucket"));
    f.expect(ErrorCode.NOT_FOUND, "files.finish", SYSTEM, req("filename", filename));
    f.expect(ErrorCode.VALIDATION, "files.finish", SYSTEM, req("filename", filename, "size", 3));
    assertEquals(
        "pending", f.record(pending.getString("uploadId")).getString("status"), "nothing changed");
  }

  @Test
  void wrongSizeFailsThePartAndTheRecord() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    JsonObject p = pending.getJsonArray("files").getJsonObject(0);
    f.blobs.put("bucket-1", p.getString("filename"), png(4, 4), "image/png");
    f.blobs.put("bucket-1", p.getString("filename"), text("short"));
    f.expect(
        ErrorCode.INVALID_CONTENT,
        "files.finish",
        SYSTEM,
        req("filename", p.getString("filename")));
    JsonObject rec = f.record(pending.getString("uploadId"));
    assertEquals("failed", rec.getString("status"));
    assertTrue(rec.getString("error").contains("size"), rec.getString("error"));
    assertNotNull(rec.getJsonArray("files").getJsonObject(0).getString("error"));
    assertFalse(rec.getJsonArray("files").getJsonObject(0).getBoolean("uploaded"));
    assertTrue(f.scheduled.isEmpty());
    f.expect(
        ErrorCode.INVALID_CONTENT,
        "files.process",
        SYSTEM,
        req("uploadId", pending.getString("uploadId")));
    assertEquals(1, f.record(pending.getString("uploadId")).getInteger("errorCount"));
  }

  @Test
  void wrongMd5IsNeverProcessed() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    String id = pending.getString("uploadId");
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    byte[] other = png(4, 3);
    other[other.length - 1] = 1; // same size, other bytes
    f.blobs.put("bucket-1", filename, other);
    f.expect(ErrorCode.INVALID_CONTENT, "files.finish", SYSTEM, req("filename", filename));
    assertTrue(f.record(id).getString("error").contains("MD5"));
    for (int i = 0; i < 3; i++) {
      f.expect(ErrorCode.INVALID_CONTENT, "files.process", SYSTEM, req("uploadId", id));
    }
    assertEquals(3, f.record(id).getInteger("errorCount"));
    assertEquals("failed", f.record(id).getString("status"));
    f.expect(ErrorCode.INVALID_CONTENT, "files.process", SYSTEM, req("uploadId", id));
    assertEquals(3, f.record(id).getInteger("errorCount"), "maxTries reached: nothing runs");
  }

  @Test
  void aCorrectReuploadAfterARejectionCompletesTheUpload() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, text("wrong"));
    f.expect(ErrorCode.INVALID_CONTENT, "files.finish", SYSTEM, req("filename", filename));
    f.blobs.put("bucket-1", filename, png(4, 3));
    JsonObject done = f.finish(filename);
    assertEquals("uploaded", done.getString("status"));
    assertEquals(List.of(pending.getString("uploadId")), f.scheduled);
  }

  @Test
  void concurrentFinishOfAnotherPartIsRetriedNotLost() {
    RacingStore racing = new RacingStore(new MemoryFileStore());
    Fixture f = new Fixture(ActionOptions.defaults(), racing);
    byte[] a = png(1, 1);
    byte[] b = text("b");
    JsonObject pending =
        f.call(
            "files.upload",
            ALICE,
            Fixture.uploadRequest(
                "alice", "two", part("a", "image/png", a), part("b", "text/plain", b)));
    JsonArray parts = pending.getJsonArray("files");
    String fa = parts.getJsonObject(0).getString("filename");
    String fb = parts.getJsonObject(1).getString("filename");
    f.blobs.put("bucket-1", fa, a);
    f.blobs.put("bucket-1", fb, b);
    // While files.finish(a) is between its read and its write, files.finish(b) completes.
    racing.beforeNextUpdate(() -> f.finish(fb));
    JsonObject r = f.finish(fa);
    assertEquals("uploaded", r.getString("status"));
    assertEquals(2, r.getInteger("uploaded"));
    assertEquals(
        List.of(pending.getString("uploadId")), f.scheduled, "scheduled once, by the last");
    FileRecord stored = await(racing.get(pending.getString("uploadId")));
    assertTrue(stored.parts().stream().allMatch(p -> p.uploaded()));
  }

  @Test
  void storagesFinalizeEventIsAFinishRequest() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    var event = f.blobs.put("bucket-1", filename, png(4, 3), "image/png");
    JsonObject r = f.call("files.finish", SYSTEM, event.toFinishRequest());
    assertEquals("uploaded", r.getString("status"));
    assertEquals(
        event.generation(),
        f.record(pending.getString("uploadId"))
            .getJsonArray("files")
            .getJsonObject(0)
            .getLong("generation"));
  }

  @Test
  void finishedUploadIsProcessedOnce() {
    Fixture f = new Fixture();
    JsonObject pending = f.pending(ALICE, "x");
    f.store(pending, Map.of("original", png(4, 3)));
    String id = pending.getString("uploadId");
    f.process(id);
    f.expect(ErrorCode.NOT_READY, "files.process", SYSTEM, req("uploadId", id));
    assertTrue(
        f.finish(pending.getJsonArray("files").getJsonObject(0).getString("filename"))
            .getBoolean("alreadyFinished"));
    assertEquals("processed", f.record(id).getString("status"));
  }
}
