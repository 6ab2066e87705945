package dev.files.action;

import static dev.files.action.Fixture.ADMIN;
import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.ANONYMOUS;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another user can neither read nor change alice's private file, through any action. */
class OwnerIsolationTest {
  private final Fixture f = new Fixture();
  private String id;
  private JsonObject before;

  @BeforeEach
  void alicesPrivateFile() {
    id = f.processed(ALICE, "secret").getString("uploadId");
    f.call(
        "files.update",
        ALICE,
        req("uploadId", id, "username", "alice", "meta", req("alias", "mine")));
    before = f.record(id);
  }

  private JsonObject bob(Object... kv) {
    return req(kv).put("username", "bob").put("uploadId", id);
  }

  @Test
  void anotherUserIsForbiddenEverywhere() {
    f.expect(ErrorCode.FORBIDDEN, "files.info", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.download", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.update", BOB, bob("meta", req("name", "taken")));
    f.expect(ErrorCode.FORBIDDEN, "files.tag.add", BOB, bob("tags", new JsonArray().add("x")));
    f.expect(ErrorCode.FORBIDDEN, "files.tag.remove", BOB, bob("tags", new JsonArray().add("x")));
    f.expect(ErrorCode.FORBIDDEN, "files.access", BOB, bob("setPublic", true));
    f.expect(ErrorCode.FORBIDDEN, "files.remove", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.remove", BOB, bob("softDelete", true));
    f.expect(ErrorCode.FORBIDDEN, "files.restore", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.process", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.report", BOB, req("username", "bob", "owner", "alice"));
    f.expect(ErrorCode.FORBIDDEN, "files.sync", BOB, req("username", "bob"));
    assertEquals(
        new JsonArray().addNull(),
        f.call("files.head", BOB, req("username", "bob", "aliases", new JsonArray().add("mine")))
            .getJsonArray("uploadIds"));
    f.expect(ErrorCode.NOT_FOUND, "files.info", BOB, req("username", "bob", "alias", "mine"));
    assertEquals(
        0, f.call("files.list", BOB, req("username", "bob", "owner", "alice")).getLong("total"));
    assertEquals(0, f.call("files.list", BOB, req("username", "bob")).getLong("total"));
    assertEquals(before, f.record(id), "nothing changed");
    assertEquals(1, f.blobs.size());
  }

  @Test
  void anonymousCallersNeedAUsername() {
    f.expect(ErrorCode.UNAUTHENTICATED, "files.info", ANONYMOUS, req("uploadId", id));
    f.expect(ErrorCode.UNAUTHENTICATED, "files.download", ANONYMOUS, req("uploadId", id));
    f.expect(
        ErrorCode.UNAUTHENTICATED,
        "files.update",
        ANONYMOUS,
        req("uploadId", id, "meta", req("name", "n")));
    f.expect(
        ErrorCode.UNAUTHENTICATED,
        "files.tag.add",
        ANONYMOUS,
        req("uploadId", id, "tags", new JsonArray().add("x")));
    f.expect(
        ErrorCode.UNAUTHENTICATED,
        "files.tag.remove",
        ANONYMOUS,
        req("uploadId", id, "tags", new JsonArray().add("x")));
    f.expect(
        ErrorCode.UNAUTHENTICATED,
        "files.access",
        ANONYMOUS,
        req("uploadId", id, "setPublic", true));
    f.expect(ErrorCode.UNAUTHENTICATED, "files.remove", ANONYMOUS, req("uploadId", id));
    f.expect(ErrorCode.UNAUTHENTICATED, "files.restore", ANONYMOUS, req("uploadId", id));
    f.expect(
        ErrorCode.UNAUTHENTICATED,
        "files.head",
        ANONYMOUS,
        req("aliases", new JsonArray().add("mine")));
    f.expect(ErrorCode.UNAUTHENTICATED, "files.report", ANONYMOUS, req());
    f.expect(ErrorCode.UNAUTHENTICATED, "files.sync", ANONYMOUS, req());
    assertEquals(0, f.call("files.list", ANONYMOUS, req()).getLong("total"));
    assertEquals(before, f.record(id));
  }

  @Test
  void publicFilesAreReadableButNotWritableByOthers() {
    f.call("files.access", ALICE, req("uploadId", id, "username", "alice", "setPublic", true));
    assertEquals(id, f.info(BOB, id).getString("uploadId"));
    assertEquals(
        1, f.call("files.download", ANONYMOUS, req("uploadId", id)).getJsonArray("urls").size());
    assertEquals(
        1, f.call("files.list", BOB, req("username", "bob", "owner", "alice")).getLong("total"));
    f.expect(ErrorCode.FORBIDDEN, "files.update", BOB, bob("meta", req("name", "taken")));
    f.expect(ErrorCode.FORBIDDEN, "files.remove", BOB, bob());
    f.expect(ErrorCode.FORBIDDEN, "files.access", BOB, bob("setPublic", false));
  }

  @Test
  void adminsMayDoEverything() {
    assertEquals(id, f.info(ADMIN, id).getString("uploadId"));
    assertTrue(
        f.call("files.download", ADMIN, req("uploadId", id, "username", "root"))
            .getJsonArray("urls")
            .getString(0)
            .contains("signature"));
    assertEquals(
        "by admin",
        f.call(
                "files.update",
                ADMIN,
                req("uploadId", id, "username", "root", "meta", req("name", "by admin")))
            .getString("name"));
    assertEquals(1, f.call("files.list", ADMIN, req("username", "root")).getLong("total"));
    assertEquals(
        1,
        f.call("files.report", ADMIN, req("username", "root", "owner", "alice")).getLong("total"));
    f.call("files.access", ADMIN, req("uploadId", id, "username", "root", "setPublic", true));
    f.call("files.access", ADMIN, req("uploadId", id, "username", "root", "setPublic", false));
    String filename = before.getJsonArray("files").getJsonObject(0).getString("filename");
    assertFalse(f.blobs.get("bucket-1", filename).isPublic());
    f.call("files.remove", ADMIN, req("uploadId", id, "username", "root", "softDelete", true));
    f.call("files.restore", ADMIN, req("uploadId", id, "username", "root"));
    f.call("files.remove", ADMIN, req("uploadId", id, "username", "root"));
    assertEquals(0, f.blobs.size());
  }

  @Test
  void ownReportsAndLists() {
    JsonObject report =
        f.call("files.report", ALICE, req("username", "alice", "includeStorage", true));
    assertEquals(1, report.getLong("total"));
    assertEquals(0, report.getLong("public"));
    assertEquals(1, report.getJsonObject("byStatus").getLong("processed"));
    assertEquals(before.getLong("contentLength"), report.getLong("totalContentLength"));
    assertEquals(1, report.getJsonObject("storage").getLong("files"));
    assertEquals(true, report.getJsonObject("storage").getBoolean("complete"));
    assertEquals(
        1,
        f.call("files.list", ALICE, req("username", "alice", "owner", "alice")).getLong("total"));
  }
}
