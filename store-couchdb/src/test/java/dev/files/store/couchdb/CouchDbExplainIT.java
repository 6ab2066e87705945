package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Sort;
import dev.files.store.tck.Records;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The representative list queries are served by the intended index: {@code _explain} of the very
 * request the store sends for the first batch names it.
 */
class CouchDbExplainIT extends CouchDbTestBase {

  private String indexUsedBy(ListQuery q) {
    await(store.create(Records.processed("ann", "quasar one").build()));
    CouchClient couch =
        new CouchClient(VERTX, CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database));
    try {
      JsonObject explain =
          CouchClient.okBody(
              await(couch.db(HttpMethod.POST, "_explain", store.findRequest(q))), "_explain");
      JsonObject index = explain.getJsonObject("index");
      String name = index.getString("name");
      assertEquals("_design/" + Schema.indexDdoc(name), index.getString("ddoc"), explain.encode());
      return name;
    } finally {
      couch.close();
    }
  }

  @Test
  void theDefaultListUsesTheListedUploadedAtIndex() {
    assertEquals("listed-any-uploadedAt", indexUsedBy(ListQuery.listed()));
  }

  @Test
  void anOwnersListByStatusAndSortUsesTheOwnerIndexOfTheSortField() {
    ListQuery q =
        ListQuery.listed()
            .withOwner("ann")
            .withFilter(Filter.eq("status", "processed"))
            .withSort(Sort.asc("contentLength"));
    assertEquals("listed-owner-contentLength", indexUsedBy(q));
  }

  @Test
  void aNameMatchWithAContentLengthRangeUsesTheSortIndexAndFiltersOnIt() {
    ListQuery q =
        ListQuery.listed()
            .withFilter(
                Filter.all(
                    Filter.of("name", Op.MATCH, "quasar"),
                    Filter.of("contentLength", Op.GTE, 1000L)));
    assertEquals("listed-any-uploadedAt", indexUsedBy(q));
  }

  @Test
  void aRangeOnTheSortFieldUsesItsIndex() {
    ListQuery q =
        ListQuery.listed()
            .withPublicOnly(true)
            .withFilter(Filter.of("contentLength", Op.GTE, 1000L))
            .withSort(Sort.desc("contentLength"));
    assertEquals("public-any-contentLength", indexUsedBy(q));
  }

  @Test
  void aCustomFieldSortReadsThePartitionByUploadId() {
    ListQuery q = ListQuery.all().withOwner("ann").withSort(Sort.asc("c_camera"));
    assertEquals("all-owner-uploadId", indexUsedBy(q));
  }
}
