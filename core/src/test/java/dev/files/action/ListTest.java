package dev.files.action;

import static dev.files.action.Fixture.ADMIN;
import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.ANONYMOUS;
import static dev.files.action.Fixture.BOB;
import static dev.files.action.Fixture.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** files.list: visibility, filters, sort and paging. */
class ListTest {
  private final Fixture f = new Fixture();

  @BeforeEach
  void files() {
    add(ALICE, "alice private", req());
    add(ALICE, "alice public quasar", req("access", req("setPublic", true)));
    add(ALICE, "alice direct", req("access", req("setPublic", true), "directOnly", true));
    add(ALICE, "alice unlisted", req("access", req("setPublic", true), "unlisted", true));
    add(ALICE, "alice temp", req("access", req("setPublic", true), "temp", true));
    f.call(
        "files.upload",
        ALICE,
        Fixture.uploadRequest(
                "alice", "alice pending", Fixture.part("original", "image/png", Fixture.png(1, 1)))
            .put("access", req("setPublic", true)));
    add(BOB, "bob public", req("access", req("setPublic", true)));
    add(BOB, "bob private", req());
  }

  private void add(Caller owner, String name, JsonObject extra) {
    f.clock.advance(Duration.ofMinutes(1));
    f.processed(owner, name, extra);
  }

  private List<String> names(Caller caller, JsonObject request) {
    JsonArray files = f.call("files.list", caller, request).getJsonArray("files");
    List<String> out = new ArrayList<>();
    files.forEach(o -> out.add(((JsonObject) o).getString("name")));
    return out;
  }

  @Test
  void visibility() {
    assertEquals(
        List.of("alice direct", "alice public quasar", "alice private"),
        names(ALICE, req("username", "alice", "owner", "alice")));
    assertEquals(
        List.of("alice public quasar"), names(BOB, req("username", "bob", "owner", "alice")));
    assertEquals(List.of("bob public", "alice public quasar"), names(BOB, req("username", "bob")));
    assertEquals(List.of("bob public", "alice public quasar"), names(ANONYMOUS, req()));
    assertEquals(
        List.of(
            "bob private", "bob public", "alice direct", "alice public quasar", "alice private"),
        names(ADMIN, req("username", "root")));
    assertEquals(
        List.of("bob private", "bob public"),
        names(ADMIN, req("username", "root", "owner", "bob")));
  }

  @Test
  void filters() {
    JsonObject own = req("username", "alice", "owner", "alice");
    assertEquals(
        List.of("alice public quasar"),
        names(ALICE, own.copy().put("filter", req("name", "QUASAR"))));
    assertEquals(
        List.of("alice private"),
        names(ALICE, own.copy().put("filter", req("public", req("eq", false)))));
    assertEquals(List.of("alice private"), names(ALICE, own.copy().put("public", false)));
    assertEquals(
        List.of("alice direct", "alice public quasar"),
        names(
            ALICE,
            own.copy()
                .put(
                    "filter",
                    req(
                        "name",
                        req(
                            "some",
                            new JsonArray().add("alice direct").add("alice public quasar"))))));
    assertEquals(
        List.of("alice direct"),
        names(
            ALICE,
            own.copy()
                .put(
                    "filter",
                    req(
                        "#multi",
                        req(
                            "fields",
                            new JsonArray().add("description").add("name"),
                            "match",
                            "DIRECT")))));
    assertEquals(
        3,
        names(
                ALICE,
                own.copy().put("filter", req("contentLength", req("gte", 1, "lte", 1_000_000))))
            .size());
    assertEquals(
        List.of(), names(ALICE, own.copy().put("filter", req("alias", req("exists", true)))));
    assertEquals(3, names(ALICE, own.copy().put("status", "processed")).size());
    assertEquals(0, names(ALICE, own.copy().put("status", "failed")).size());
    f.expect(
        ErrorCode.VALIDATION,
        "files.list",
        ALICE,
        own.copy().put("filter", req("temp", req("eq", true))));
    f.expect(
        ErrorCode.VALIDATION,
        "files.list",
        ALICE,
        own.copy().put("filter", req("name", req("like", "x"))));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, own.copy().put("filter", req("name", 3)));
    f.expect(
        ErrorCode.VALIDATION,
        "files.list",
        ALICE,
        own.copy().put("filter", req("name", req("exists", "yes"))));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, own.copy().put("status", "done"));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, own.copy().put("unknown", 1));
  }

  @Test
  void tagsMustAllBePresent() {
    String id =
        f.call(
                "files.list",
                ALICE,
                req("username", "alice", "owner", "alice", "filter", req("name", "private")))
            .getJsonArray("files")
            .getJsonObject(0)
            .getString("uploadId");
    f.call(
        "files.tag.add",
        ALICE,
        req("uploadId", id, "username", "alice", "tags", new JsonArray().add("a").add("b")));
    JsonObject own = req("username", "alice", "owner", "alice");
    assertEquals(
        List.of("alice private"),
        names(ALICE, own.copy().put("tags", new JsonArray().add("A").add("b"))));
    assertEquals(
        List.of(), names(ALICE, own.copy().put("tags", new JsonArray().add("a").add("c"))));
  }

  @Test
  void sortAndOrder() {
    JsonObject own = req("username", "alice", "owner", "alice");
    assertEquals(
        List.of("alice direct", "alice private", "alice public quasar"),
        names(ALICE, own.copy().put("criteria", "name").put("order", "ASC")));
    assertEquals(
        List.of("alice private", "alice public quasar", "alice direct"),
        names(ALICE, own.copy().put("order", "asc")));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, own.copy().put("order", "UP"));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, own.copy().put("criteria", "leaseUntil"));
  }

  @Test
  void pagingWithCursorAndOffset() {
    for (int i = 0; i < 12; i++) {
      add(ALICE, "many " + i, req());
    }
    JsonObject q = req("username", "alice", "owner", "alice", "limit", 5);
    Set<String> seen = new HashSet<>();
    JsonObject page = f.call("files.list", ALICE, q);
    assertEquals(15, page.getLong("total"));
    assertEquals(3, page.getLong("pages"));
    assertEquals(1, page.getLong("page"));
    int pages = 1;
    page.getJsonArray("files").forEach(o -> seen.add(((JsonObject) o).getString("uploadId")));
    while (page.getString("cursor") != null) {
      // a file arriving meanwhile does not shift the next pages
      add(ALICE, "late " + pages, req());
      page = f.call("files.list", ALICE, q.copy().put("cursor", page.getString("cursor")));
      pages++;
      assertEquals(pages, page.getLong("page"));
      page.getJsonArray("files").forEach(o -> seen.add(((JsonObject) o).getString("uploadId")));
    }
    assertEquals(15, seen.size());
    assertEquals(3, pages);
    assertNull(page.getValue("cursor"));
    JsonObject second = f.call("files.list", ALICE, q.copy().put("offset", 5));
    assertEquals(2, second.getLong("page"));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, q.copy().put("limit", 0));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, q.copy().put("limit", 101));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, q.copy().put("offset", -1));
    f.expect(ErrorCode.VALIDATION, "files.list", ALICE, q.copy().put("cursor", "garbage!"));
    String cursor = f.call("files.list", ALICE, q).getString("cursor");
    f.expect(
        ErrorCode.VALIDATION,
        "files.list",
        ALICE,
        q.copy().put("cursor", cursor).put("criteria", "name"));
    assertEquals(
        10,
        f.call("files.list", ALICE, req("username", "alice", "owner", "alice"))
            .getJsonArray("files")
            .size(),
        "default limit");
  }
}
