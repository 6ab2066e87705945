package dev.files.action;

import static dev.files.action.Fixture.ADMIN;
import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.error.ErrorCode;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** files.history: who may read it, what the entries say, paging, and provenance in files.info. */
class HistoryTest {
  private final Fixture f = new Fixture();

  private JsonArray entries(dev.files.action.Caller caller, String id) {
    return f.call("files.history", caller, req("username", caller.user(), "uploadId", id))
        .getJsonArray("entries");
  }

  private static List<String> column(JsonArray entries, String field) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(String.valueOf(((JsonObject) e).getValue(field))));
    return out;
  }

  @Test
  void theOwnerReadsEveryChangeWithItsActionAndActor() {
    Origin http = new Origin(Origin.HTTP, "198.51.100.4", "test/1", "gallery", "r-1", "r-1");
    Caller alice = ALICE.from(http);
    JsonObject req =
        Fixture.uploadRequest(
            "alice", "Beach", Fixture.part("original", "image/png", Fixture.png(4, 3)));
    req.getJsonObject("meta").put("source", "camera roll");
    JsonObject pending = f.call("files.upload", alice, req);
    String id = pending.getString("uploadId");
    f.store(pending, java.util.Map.of("original", Fixture.png(4, 3)));
    Caller worker = Caller.system(WriteContext.PROCESSING_WORKER, Origin.of(Origin.INTERNAL));
    f.call("files.process", worker, req("uploadId", id));
    f.call(
        "files.tag.add", alice, req("username", "alice", "uploadId", id, "tags", List.of("sea")));

    JsonArray h = entries(ALICE, id);
    assertEquals(
        List.of(
            "files.upload",
            "files.upload",
            "files.finish",
            "files.process",
            "files.process",
            "files.tag.add"),
        column(h, "action"));
    assertEquals(
        List.of("alice", "alice", "system", "processing-worker", "processing-worker", "alice"),
        column(h, "actor"));
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), column(h, "versionAfter"));
    JsonObject tagged = h.getJsonObject(5);
    assertEquals(
        new JsonObject().put("old", new JsonArray()).put("new", new JsonArray().add("sea")),
        tagged.getJsonObject("changes").getJsonObject("tags"));
    assertEquals(http.toJson(), tagged.getJsonObject("origin"));
    assertEquals(
        "processed",
        h.getJsonObject(4).getJsonObject("changes").getJsonObject("status").getString("new"));

    JsonObject provenance = f.info(ALICE, id).getJsonObject("provenance");
    assertEquals("camera roll", provenance.getString("source"));
    assertEquals("198.51.100.4", provenance.getString("clientAddress"));
    assertEquals("gallery", provenance.getString("callerService"));
    assertFalse(f.info(ALICE, id).getJsonObject("provenance").isEmpty());
  }

  @Test
  void othersGetWhatInfoWouldGiveThemAndNoHistoryOfAPublicFile() {
    String id = f.processed(ALICE, "Beach").getString("uploadId");
    f.expect(ErrorCode.FORBIDDEN, "files.history", BOB, req("username", "bob", "uploadId", id));
    f.call("files.access", ALICE, req("username", "alice", "uploadId", id, "setPublic", true));
    assertNull(f.info(BOB, id).getValue("provenance"), "provenance is the owner's");
    f.expect(ErrorCode.FORBIDDEN, "files.history", BOB, req("username", "bob", "uploadId", id));
    assertFalse(entries(ADMIN, id).isEmpty(), "an admin reads any history");
    f.expect(
        ErrorCode.NOT_FOUND,
        "files.history",
        ALICE,
        req("username", "alice", "uploadId", "00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void aSoftDeletedRecordsHistoryIsForAdminsAndAHardRemoveDeletesIt() {
    String id = f.processed(ALICE, "Beach").getString("uploadId");
    f.call("files.remove", ALICE, req("username", "alice", "uploadId", id, "softDelete", true));
    f.expect(ErrorCode.NOT_FOUND, "files.history", ALICE, req("username", "alice", "uploadId", id));
    JsonArray h = entries(ADMIN, id);
    assertEquals("files.remove", h.getJsonObject(h.size() - 1).getString("action"));
    f.call("files.restore", ALICE, req("username", "alice", "uploadId", id));
    f.call("files.remove", ALICE, req("username", "alice", "uploadId", id));
    f.expect(ErrorCode.NOT_FOUND, "files.history", ADMIN, req("username", "root", "uploadId", id));
  }

  @Test
  void pagesFollowTheCursor() {
    String id = f.processed(ALICE, "Beach").getString("uploadId");
    for (int i = 0; i < 4; i++) {
      f.call(
          "files.tag.add",
          ALICE,
          req("username", "alice", "uploadId", id, "tags", List.of("t" + i)));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 20; pages++) {
      JsonObject body = req("username", "alice", "uploadId", id, "limit", 2);
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      JsonObject page = f.call("files.history", ALICE, body);
      seen.addAll(column(page.getJsonArray("entries"), "versionAfter"));
      cursor = page.getString("cursor");
      if (cursor == null) {
        break;
      }
    }
    List<String> all = column(entries(ALICE, id), "versionAfter");
    assertEquals(all, seen);
    assertEquals(String.valueOf(all.size()), all.get(all.size() - 1));
    f.expect(
        ErrorCode.VALIDATION,
        "files.history",
        ALICE,
        req("username", "alice", "uploadId", id, "cursor", "nope"));
  }
}
