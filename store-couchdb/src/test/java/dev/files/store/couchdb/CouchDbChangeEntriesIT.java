package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.ChangeFeed;
import dev.files.store.ListQuery;
import dev.files.store.tck.Records;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store keeps no change feed: writes leave only record, tombstone and alias documents, and the
 * {@code chg:} entries an older release wrote are ignored until the migration deletes them.
 */
class CouchDbChangeEntriesIT extends CouchDbTestBase {

  @Test
  void theStoreOffersNoChangeFeed() {
    assertFalse(ChangeFeed.class.isInstance(store));
  }

  @Test
  void writesLeaveNoChangeEntries() {
    FileRecord a = await(store.create(Records.processed("ann", "a").alias("x").build()));
    FileRecord b = await(store.create(Records.processed("ann", "b").build()));
    await(store.update(b.toBuilder().name("b2").build(), 1));
    await(store.delete(a.uploadId(), 1));
    List<String> ids = documentIds().stream().filter(id -> !id.startsWith("_design/")).toList();
    assertEquals(List.of(a.uploadId(), b.uploadId()).stream().sorted().toList(), ids);
  }

  @Test
  void changeEntriesOfAnOlderReleaseAreIgnored() {
    FileRecord a = await(store.create(Records.processed("ann", "a").build()));
    putLegacyEntry("chg:" + a.uploadId() + ":0:1:CREATE", a.uploadId());
    assertEquals(
        List.of(a.uploadId()),
        await(store.list(ListQuery.all())).items().stream().map(FileRecord::uploadId).toList());
    assertEquals(1, await(store.list(ListQuery.all())).total());
    CouchDbReplica replica =
        await(CouchDbReplica.open(VERTX, CouchDbTestServer.shared().url(), database));
    try {
      CouchDbReplica.Page page = await(replica.page(null, 100));
      assertEquals(List.of(a.uploadId()), List.copyOf(page.records().keySet()));
      assertTrue(page.aliases().isEmpty());
    } finally {
      await(replica.close());
    }
  }

  /** A {@code chg:} document as releases before this one wrote it next to every write. */
  private void putLegacyEntry(String id, String uploadId) {
    CouchClient couch =
        new CouchClient(VERTX, CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database));
    try {
      JsonObject body =
          new JsonObject()
              .put("x_change", true)
              .put("uploadId", uploadId)
              .put("version", 1)
              .put("op", "CREATE");
      CouchClient.okBody(
          await(couch.db(HttpMethod.PUT, CouchClient.docPath(id), body)), "legacy entry");
    } finally {
      couch.close();
    }
  }
}
