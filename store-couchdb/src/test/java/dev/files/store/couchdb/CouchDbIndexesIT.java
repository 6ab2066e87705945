package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.store.memory.MemoryFileStore;
import dev.files.store.tck.Records;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The declared indexes: one design document each, the design documents of earlier releases removed
 * at startup, the name-substring view, and lists that read indexes without updating them.
 */
class CouchDbIndexesIT extends CouchDbTestBase {
  private CouchClient couch;

  @BeforeEach
  void openClient() {
    couch =
        new CouchClient(VERTX, CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database));
  }

  @AfterEach
  void closeClient() {
    couch.close();
  }

  private JsonObject get(String path) {
    return CouchClient.okBody(await(couch.db(HttpMethod.GET, path, null)), path);
  }

  private List<String> designDocIds() {
    JsonArray rows =
        get("_all_docs?startkey=%22_design%2F%22&endkey=%22_design0%22").getJsonArray("rows");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ids.add(rows.getJsonObject(i).getString("id"));
    }
    return ids;
  }

  @Test
  void everyIndexHasItsOwnDesignDocument() {
    List<String> ids = designDocIds();
    for (String name : Schema.indexNames()) {
      String id = "_design/" + Schema.indexDdoc(name);
      assertTrue(ids.contains(id), id + " in " + ids);
      JsonObject views = get(CouchClient.docPath(id)).getJsonObject("views");
      assertEquals(Set.of(name), views.fieldNames(), id);
    }
    assertEquals(Schema.indexNames().size() + 2, ids.size(), ids.toString());
  }

  @Test
  void openingDeletesTheDesignDocumentsOfEarlierReleasesAndKeepsOthers() {
    JsonObject old =
        new JsonObject()
            .put("language", "query")
            .put(
                "views",
                new JsonObject()
                    .put(
                        "listed-any-uploadedAt",
                        new JsonObject()
                            .put(
                                "map",
                                new JsonObject()
                                    .put("fields", new JsonObject().put("x_listed", "asc")))
                            .put("reduce", "_count")
                            .put(
                                "options",
                                new JsonObject()
                                    .put(
                                        "def",
                                        new JsonObject()
                                            .put("fields", new JsonArray().add("x_listed"))))));
    put("_design/files-find", old);
    put("_design/someone-else", new JsonObject().put("language", "javascript"));

    CouchDbFileStore again =
        await(CouchDbFileStore.open(VERTX, CouchDbTestServer.shared().url(), database));
    again.close();

    List<String> ids = designDocIds();
    assertTrue(!ids.contains("_design/files-find"), ids.toString());
    assertTrue(ids.contains("_design/someone-else"), "not the store's: kept " + ids);
  }

  private void put(String id, JsonObject doc) {
    CouchClient.okBody(
        await(couch.db(HttpMethod.PUT, CouchClient.docPath(id), doc.put("_id", id))), id);
  }

  @Test
  void theNameViewHasARowForEveryPositionOfTheLowerCasedName() {
    FileRecord r = await(store.create(Records.processed("ann", "Big QUASAR-Ünï").build()));
    await(store.create(Records.processed("ann", "no match here").build()));
    JsonObject body =
        get(
            "_design/"
                + NameGrams.DDOC
                + "/_view/"
                + NameGrams.VIEW
                + CouchClient.query(NameGrams.range("quasar")));
    JsonArray rows = body.getJsonArray("rows");
    assertEquals(1, rows.size(), body.encode());
    assertEquals(r.uploadId(), rows.getJsonObject(0).getString("id"));
    assertEquals(
        "quasar-\u007fn\u007f", rows.getJsonObject(0).getString("key"), "non-ASCII as DEL");
    assertEquals(
        new JsonArray().add("ann").add(true).add(false).add(r.contentLength()).add(r.uploadedAt()),
        rows.getJsonObject(0).getValue("value"));
  }

  @Test
  void aNameSubstringListIsExactWhateverTheCaseScopeAndOwner() {
    MemoryFileStore reference = new MemoryFileStore();
    List<FileRecord> records =
        List.of(
            Records.processed("ann", "Big QUASAR day").tags(List.of("t")).build(),
            Records.processed("ann", "quasars").contentLength(10L).build(),
            Records.processed("bob", "a quasar").isPublic(true).build(),
            Records.processed("bob", "qu asar").build(),
            Records.processed("bob", "quasar hidden").unlisted(true).build(),
            Records.processed("cy", "\u00dcber-quasar \u00e9t\u00e9").isPublic(true).build(),
            Records.processed("cy", "quasarquasar").build(),
            Records.processed("cy", null).build());
    for (FileRecord r : records) {
      await(store.create(r));
      await(reference.create(r));
    }
    List<ListQuery> queries = new ArrayList<>();
    for (String text : List.of("quasar", "QUASAR", "uasar d", "qua", "a quasar", "sar")) {
      ListQuery q = ListQuery.listed().withFilter(Filter.of("name", Op.MATCH, text)).withLimit(2);
      queries.add(q);
      queries.add(q.withOwner("bob"));
      queries.add(q.withPublicOnly(true));
      queries.add(q.withScope(Scope.ALL));
      ListQuery withSize =
          q.withFilter(
              Filter.all(
                  Filter.of("name", Op.MATCH, text), Filter.of("contentLength", Op.GTE, 1000L)));
      queries.add(withSize);
      queries.add(withSize.withSort(Sort.asc("contentLength")));
      // decided on the documents, not the rows: a sort, a filter or tags the rows do not carry
      queries.add(withSize.withSort(Sort.desc("startedAt")));
      queries.add(
          q.withFilter(
              Filter.all(Filter.of("name", Op.MATCH, text), Filter.eq("status", "processed"))));
      queries.add(q.withTags(List.of("t")));
    }
    for (ListQuery q : queries) {
      assertEquals(walk(reference, q), walk(store, q), q.toString());
    }
  }

  @Test
  void onlyPrintableAsciiTextsOfThreeCharactersUseTheNameView() {
    assertEquals("quasar", NameGrams.usableText(match("quasar")));
    assertNull(NameGrams.usableText(match("qu")));
    assertNull(NameGrams.usableText(match("\u00fcber")));
    assertNull(
        NameGrams.usableText(
            ListQuery.listed().withFilter(Filter.of("description", Op.MATCH, "quasar"))));
  }

  private static ListQuery match(String text) {
    return ListQuery.listed().withFilter(Filter.of("name", Op.MATCH, text));
  }

  @Test
  void staleListsSeeWritesOnceTheIndexesWereBroughtUpToDate() {
    CouchDbFileStore stale =
        await(
            CouchDbFileStore.open(
                VERTX,
                CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database)
                    .withStaleLists(true)));
    try {
      FileRecord r = await(stale.create(Records.processed("ann", "a quasar").build()));
      await(stale.warmIndexes());
      assertEquals(List.of(r.uploadId()), ids(await(stale.list(ListQuery.listed()))));
      assertEquals(1, await(stale.list(match("quasar"))).total());
      assertEquals(1, await(stale.list(ListQuery.listed().withOwner("ann"))).total(), "stats view");
      assertEquals(false, stale.findRequest(ListQuery.listed()).getBoolean("update"));
    } finally {
      stale.close();
    }
  }

  /** Every page's ids and total, following cursors to the end. */
  private List<String> walk(dev.files.store.FileStore s, ListQuery q) {
    List<String> out = new ArrayList<>();
    ListQuery next = q;
    for (int pages = 0; next != null; pages++) {
      if (pages > 50) {
        throw new AssertionError("paging does not end: " + q + " at " + out);
      }
      Page p = await(s.list(next));
      out.add("total=" + p.total());
      out.addAll(ids(p));
      next = next.next(p);
    }
    return out;
  }

  private static List<String> ids(Page p) {
    return p.items().stream().map(FileRecord::uploadId).toList();
  }
}
