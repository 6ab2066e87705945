package dev.files.action;

import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.ANONYMOUS;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.SYSTEM;
import static dev.files.action.Fixture.assertStatus;
import static dev.files.action.Fixture.part;
import static dev.files.action.Fixture.png;
import static dev.files.action.Fixture.req;
import static dev.files.action.Fixture.text;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.UploadRequest;
import dev.files.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole life of a file through the actions, from upload to removal. */
class LifecycleTest {
  private final Fixture f = new Fixture();

  @Test
  void uploadFinishProcessDownloadUpdateRemove() {
    byte[] original = png(640, 480);
    byte[] notes = text("hello notes");
    JsonObject req =
        Fixture.uploadRequest(
            "alice",
            "Holiday",
            part("original", "image/png", original).put("originalName", "beach.PNG"),
            part("notes", "text/plain", notes));
    req.getJsonObject("meta").put("tags", new JsonArray().add("Sea").add("sea").add(" sun "));
    req.getJsonObject("meta").put("c_camera", "X100").put("c_iso", 200);
    req.put("resumable", false).put("expires", 60);

    JsonObject pending = f.call("files.upload", ALICE, req);
    assertStatus("pending", pending);
    String id = pending.getString("uploadId");
    assertEquals("alice", pending.getString("owner"));
    assertEquals(2, pending.getInteger("parts"));
    assertEquals(0, pending.getInteger("uploaded"));
    assertEquals(original.length + notes.length, pending.getLong("contentLength"));
    assertEquals(List.of("sea", "sun"), pending.getJsonArray("tags").getList());
    assertEquals(200L, pending.getLong("c_iso"));
    assertNull(pending.getValue("postAction"));
    JsonObject p0 = pending.getJsonArray("files").getJsonObject(0);
    assertTrue(
        p0.getString("filename").matches("^[0-9a-f]{16}/" + id + "/[0-9a-f-]{36}\\.png$"),
        p0.encode());
    assertTrue(
        pending.getJsonArray("files").getJsonObject(1).getString("filename").endsWith(".txt"));
    assertEquals("bucket-1", p0.getString("bucket"));
    assertNotNull(p0.getString("location"));
    assertEquals("image/png", p0.getJsonObject("headers").getString("Content-Type"));
    assertEquals(
        Base64.getEncoder()
            .encodeToString(java.util.HexFormat.of().parseHex(Fixture.md5Hex(original))),
        p0.getString("md5Hash"));
    UploadRequest signed = f.blobs.signedUploads().get(0);
    assertFalse(signed.resumable());
    assertEquals(60, signed.expiresSeconds());
    assertEquals(original.length, signed.contentLength());

    JsonObject finished = f.store(pending, Map.of("original", original, "notes", notes));
    assertEquals(true, finished.getBoolean("finished"));
    assertEquals("uploaded", finished.getString("status"));
    assertEquals(List.of(id), f.scheduled);

    JsonObject processed = f.process(id);
    assertStatus("processed", processed);
    assertNotNull(processed.getLong("processedAt"));
    JsonObject image = processed.getJsonArray("files").getJsonObject(0);
    assertEquals("image/png", image.getString("detectedContentType"));
    assertEquals(640, image.getInteger("width"));
    assertEquals(480, image.getInteger("height"));
    assertNull(image.getValue("location"));
    assertEquals(
        "text/plain",
        processed.getJsonArray("files").getJsonObject(1).getString("detectedContentType"));

    JsonObject info = f.call("files.info", ALICE, req("username", "alice", "uploadId", id));
    assertEquals("alice", info.getString("username"));
    JsonObject shown = info.getJsonObject("file").copy();
    assertEquals(
        "alice",
        shown.getJsonObject("provenance").getString("actor"),
        "the owner sees the provenance");
    shown.remove("provenance");
    assertEquals(processed, shown);

    JsonObject dl =
        f.call(
            "files.download",
            ALICE,
            req(
                "uploadId",
                id,
                "username",
                "alice",
                "types",
                new JsonArray().add("original"),
                "rename",
                true));
    assertEquals(1, dl.getJsonArray("urls").size());
    assertEquals("Holiday", dl.getString("name"));
    String url = dl.getJsonArray("urls").getString(0);
    assertTrue(
        url.contains("signature")
            && url.contains("saveAs=Holiday.png")
            && url.contains("expires=10800"),
        url);

    JsonObject updated =
        f.call(
            "files.update",
            ALICE,
            req(
                "uploadId",
                id,
                "username",
                "alice",
                "version",
                processed.getLong("version"),
                "meta",
                req("alias", "  beach ", "description", "sand", "c_camera", null)));
    assertEquals("beach", updated.getString("alias"));
    assertNull(updated.getValue("c_camera"));
    assertEquals(processed.getLong("version") + 1, updated.getLong("version"));

    JsonObject tagged =
        f.call(
            "files.tag.add",
            ALICE,
            req("uploadId", id, "username", "alice", "tags", new JsonArray().add("Beach")));
    assertEquals(List.of("sea", "sun", "beach"), tagged.getJsonArray("tags").getList());
    JsonObject untagged =
        f.call(
            "files.tag.remove",
            ALICE,
            req("uploadId", id, "username", "alice", "tags", new JsonArray().add("SEA")));
    assertEquals(List.of("sun", "beach"), untagged.getJsonArray("tags").getList());

    JsonObject pub =
        f.call("files.access", ALICE, req("uploadId", id, "username", "alice", "setPublic", true));
    assertTrue(pub.getBoolean("public"));
    assertTrue(f.blobs.get("bucket-1", image.getString("filename")).isPublic());
    JsonObject anon = f.call("files.download", ANONYMOUS, req("uploadId", id));
    assertEquals(
        "memory://bucket-1/" + image.getString("filename"), anon.getJsonArray("urls").getString(0));
    assertEquals(
        id,
        f.call("files.info", BOB, req("username", "bob", "uploadId", id))
            .getJsonObject("file")
            .getString("uploadId"));

    assertEquals(
        new JsonArray().add(id).addNull(),
        f.call(
                "files.head",
                ALICE,
                req("username", "alice", "aliases", new JsonArray().add(" beach").add("none")))
            .getJsonArray("uploadIds"));

    JsonObject removed = f.call("files.remove", ALICE, req("uploadId", id, "username", "alice"));
    assertEquals(true, removed.getBoolean("removed"));
    f.expect(ErrorCode.NOT_FOUND, "files.info", ALICE, req("username", "alice", "uploadId", id));
    assertEquals(0, f.blobs.size());
    assertEquals(
        new JsonArray().addNull(),
        f.call(
                "files.head",
                ALICE,
                req("username", "alice", "aliases", new JsonArray().add("beach")))
            .getJsonArray("uploadIds"));
  }

  @Test
  void multiPartFinishInAnyOrderAndRepeated() {
    byte[] a = png(1, 1);
    byte[] b = text("b");
    byte[] c = text("cc");
    JsonObject pending =
        f.call(
            "files.upload",
            ALICE,
            Fixture.uploadRequest(
                "alice",
                "three",
                part("a", "image/png", a),
                part("b", "text/plain", b),
                part("c", "text/plain", c)));
    JsonArray parts = pending.getJsonArray("files");
    Map<String, byte[]> bytes = Map.of("a", a, "b", b, "c", c);
    for (int i : new int[] {2, 0}) {
      JsonObject p = parts.getJsonObject(i);
      f.blobs.put("bucket-1", p.getString("filename"), bytes.get(p.getString("type")));
      JsonObject r = f.finish(p.getString("filename"));
      assertFalse(r.getBoolean("alreadyFinished"));
      assertFalse(r.getBoolean("finished"));
      JsonObject again = f.finish(p.getString("filename"));
      assertTrue(again.getBoolean("alreadyFinished"));
    }
    assertEquals(2, f.record(pending.getString("uploadId")).getInteger("uploaded"));
    assertTrue(f.scheduled.isEmpty());
    JsonObject last = parts.getJsonObject(1);
    f.blobs.put("bucket-1", last.getString("filename"), b);
    JsonObject done = f.finish(last.getString("filename"));
    assertTrue(done.getBoolean("finished"));
    assertEquals("uploaded", done.getString("status"));
    assertEquals(3, done.getInteger("uploaded"));
    JsonObject repeat = f.finish(parts.getJsonObject(0).getString("filename"));
    assertTrue(repeat.getBoolean("alreadyFinished"));
    assertEquals(List.of(pending.getString("uploadId")), f.scheduled, "scheduled exactly once");
    assertNotNull(f.record(pending.getString("uploadId")).getLong("uploadedAt"));
  }

  @Test
  void softDeleteHidesUntilRestored() {
    String id = f.processed(ALICE, "kept").getString("uploadId");
    f.call("files.remove", ALICE, req("uploadId", id, "username", "alice", "softDelete", true));
    f.expect(ErrorCode.NOT_FOUND, "files.info", ALICE, req("username", "alice", "uploadId", id));
    f.expect(
        ErrorCode.NOT_FOUND, "files.download", ALICE, req("username", "alice", "uploadId", id));
    assertEquals(
        0,
        f.call("files.list", ALICE, req("username", "alice", "owner", "alice")).getLong("total"));
    assertNotNull(f.info(Fixture.ADMIN, id).getLong("deletedAt"), "admins still see it");
    assertEquals(1, f.blobs.size(), "objects stay while restorable");
    f.expect(ErrorCode.NOT_FOUND, "files.restore", BOB, req("username", "bob", "uploadId", id));
    JsonObject restored = f.call("files.restore", ALICE, req("username", "alice", "uploadId", id));
    assertNull(restored.getValue("deletedAt"));
    assertEquals(
        1,
        f.call("files.list", ALICE, req("username", "alice", "owner", "alice")).getLong("total"));
  }

  @Test
  void processRunsThePostActionAndAppliesAcl() {
    JsonObject post =
        req(
            "update",
            req("alias", "cover", "tags", new JsonArray().add("Final"), "name", "Renamed"));
    JsonObject processed =
        f.processed(ALICE, "first", req("postAction", post, "access", req("setPublic", true)));
    assertEquals("cover", processed.getString("alias"));
    assertEquals("Renamed", processed.getString("name"));
    assertEquals(List.of("final"), processed.getJsonArray("tags").getList());
    String filename = processed.getJsonArray("files").getJsonObject(0).getString("filename");
    assertTrue(f.blobs.get("bucket-1", filename).isPublic());
    assertEquals(
        processed.getString("uploadId"),
        f.call("files.info", ALICE, req("username", "alice", "alias", "cover"))
            .getJsonObject("file")
            .getString("uploadId"));
  }

  @Test
  void hardRemoveOfAPendingUploadTakesItsObjects() {
    JsonObject pending = f.pending(ALICE, "abandoned");
    String filename = pending.getJsonArray("files").getJsonObject(0).getString("filename");
    f.blobs.put("bucket-1", filename, png(4, 3));
    f.call(
        "files.remove", ALICE, req("uploadId", pending.getString("uploadId"), "username", "alice"));
    assertFalse(f.blobs.exists("bucket-1", filename));
    f.blobs.put("bucket-1", filename, png(4, 3));
    f.expect(ErrorCode.NOT_FOUND, "files.finish", SYSTEM, req("filename", filename));
  }

  @Test
  void aFailedSigningLeavesNoRecord() {
    f.blobs.failSigning(true);
    f.expect(
        ErrorCode.UNAVAILABLE,
        "files.upload",
        ALICE,
        Fixture.uploadRequest("alice", "x", part("original", "image/png", png(1, 1))));
    assertEquals(0, await(f.store.list(dev.files.store.ListQuery.all())).total());
  }

  @Test
  void systemCallerActsForTheBodyUser() {
    JsonObject pending =
        f.call(
            "files.upload",
            SYSTEM,
            Fixture.uploadRequest("carol", "by system", part("original", "image/png", png(1, 1))));
    assertEquals("carol", pending.getString("owner"));
  }
}
