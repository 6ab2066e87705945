package dev.files.action;

import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** files.update, files.tag.*: the meta rules and the version precondition. */
class UpdateTest {
  private final Fixture f = new Fixture();
  private String id;

  @BeforeEach
  void file() {
    id = f.processed(ALICE, "file").getString("uploadId");
  }

  private JsonObject update(JsonObject meta) {
    return f.call("files.update", ALICE, req("uploadId", id, "username", "alice", "meta", meta));
  }

  private void refused(ErrorCode code, JsonObject request) {
    JsonObject before = f.record(id);
    f.expect(code, "files.update", ALICE, request.put("uploadId", id).put("username", "alice"));
    assertEquals(before, f.record(id), "nothing changed");
  }

  @Test
  void customFieldsCountWhatTheRecordAlreadyHas() {
    JsonObject fifty = new JsonObject();
    JsonObject fiftyOne = new JsonObject();
    for (int i = 0; i < 50; i++) {
      fifty.put("c_a" + i, i);
      fiftyOne.put("c_b" + i, i);
    }
    fiftyOne.put("c_b50", 50);
    update(fifty);
    refused(ErrorCode.VALIDATION, req("meta", fiftyOne));
    update(fiftyOne.put("c_a0", null));
    assertEquals(100L, f.record(id).fieldNames().stream().filter(k -> k.startsWith("c_")).count());
  }

  @Test
  void aliasIsTrimmedRemovedAndUniquePerOwner() {
    assertEquals("my file", update(req("alias", "  my file  ")).getString("alias"));
    refused(ErrorCode.VALIDATION, req("meta", req("alias", "   ")));
    refused(ErrorCode.VALIDATION, req("meta", req("alias", "x".repeat(51))));
    refused(ErrorCode.VALIDATION, req("meta", req("alias", "no/slash")));
    String other = f.processed(ALICE, "other").getString("uploadId");
    f.expect(
        ErrorCode.ALIAS_TAKEN,
        "files.update",
        ALICE,
        req("uploadId", other, "username", "alice", "meta", req("alias", "my file")));
    String bobs = f.processed(BOB, "bobs").getString("uploadId");
    assertEquals(
        "my file",
        f.call(
                "files.update",
                BOB,
                req("uploadId", bobs, "username", "bob", "meta", req("alias", "my file")))
            .getString("alias"),
        "aliases are per owner");
    assertNull(update(req("alias", "")).getValue("alias"));
    assertEquals(
        "my file",
        f.call(
                "files.update",
                ALICE,
                req("uploadId", other, "username", "alice", "meta", req("alias", "my file")))
            .getString("alias"));
  }

  @Test
  void metaRules() {
    JsonObject r =
        update(
            req(
                "name",
                "New",
                "description",
                "d",
                "website",
                "https://example.org/x",
                "tags",
                new JsonArray().add("B").add("a").add("b"),
                "c_n",
                1.5,
                "c_b",
                true,
                "c_s",
                "s"));
    assertEquals("New", r.getString("name"));
    assertEquals(List.of("b", "a"), r.getJsonArray("tags").getList());
    assertEquals(1.5, r.getDouble("c_n"));
    assertEquals(true, r.getBoolean("c_b"));
    r = update(req("website", "", "description", null, "c_n", null, "tags", new JsonArray()));
    assertNull(r.getValue("website"));
    assertNull(r.getValue("description"));
    assertNull(r.getValue("c_n"));
    assertEquals("s", r.getString("c_s"));
    assertEquals(List.of(), r.getJsonArray("tags").getList());
    refused(ErrorCode.VALIDATION, req("meta", req("name", "")));
    refused(ErrorCode.VALIDATION, req("meta", req("name", null)));
    refused(ErrorCode.VALIDATION, req("meta", req("website", "javascript:alert(1)")));
    refused(ErrorCode.VALIDATION, req("meta", req("c_", 1)));
    refused(ErrorCode.VALIDATION, req("meta", req("c_x", new JsonObject())));
    refused(ErrorCode.VALIDATION, req("meta", req("owner", "bob")));
    refused(ErrorCode.VALIDATION, req("public", true));
    refused(ErrorCode.VALIDATION, req("meta", req("tags", new JsonArray().add(""))));
  }

  @Test
  void staleVersionIs409AndChangesNothing() {
    long v = f.record(id).getLong("version");
    JsonObject r =
        f.call(
            "files.update",
            ALICE,
            req("uploadId", id, "username", "alice", "version", v, "directOnly", true));
    assertEquals(true, r.getBoolean("directOnly"));
    assertEquals(v + 1, r.getLong("version"));
    refused(ErrorCode.VERSION_CONFLICT, req("version", v, "meta", req("name", "late")));
  }

  @Test
  void aChangeOfNothingWritesNothing() {
    long v = f.record(id).getLong("version");
    assertEquals(v, update(req("name", "file")).getLong("version"));
    assertEquals(
        v,
        f.call(
                "files.tag.remove",
                ALICE,
                req("uploadId", id, "username", "alice", "tags", new JsonArray().add("absent")))
            .getLong("version"));
  }

  @Test
  void onlyProcessedFilesAreUpdated() {
    String pending = f.pending(ALICE, "p").getString("uploadId");
    f.expect(
        ErrorCode.NOT_READY,
        "files.update",
        ALICE,
        req("uploadId", pending, "username", "alice", "meta", req("name", "n")));
    f.expect(
        ErrorCode.NOT_FOUND,
        "files.update",
        ALICE,
        req("uploadId", "missing", "username", "alice"));
  }

  @Test
  void tagsAreLimited() {
    JsonArray many = new JsonArray();
    for (int i = 0; i < 32; i++) {
      many.add("t" + i);
    }
    assertEquals(
        32,
        f.call("files.tag.add", ALICE, req("uploadId", id, "username", "alice", "tags", many))
            .getJsonArray("tags")
            .size());
    f.expect(
        ErrorCode.VALIDATION,
        "files.tag.add",
        ALICE,
        req("uploadId", id, "username", "alice", "tags", new JsonArray().add("one-more")));
    f.expect(
        ErrorCode.VALIDATION, "files.tag.add", ALICE, req("uploadId", id, "username", "alice"));
    f.expect(
        ErrorCode.VALIDATION,
        "files.tag.remove",
        ALICE,
        req("uploadId", id, "username", "alice", "tags", new JsonArray().add(1)));
  }
}
