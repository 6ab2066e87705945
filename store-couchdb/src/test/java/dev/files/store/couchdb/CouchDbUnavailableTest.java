package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.tck.Records;
import org.junit.jupiter.api.Test;

/**
 * A server that goes away: every call fails fast with {@code unavailable}, and the same store works
 * again once the server is back (pouchdb-server runs in memory, so the test re-creates the database
 * on the restarted server before using the old store again).
 */
class CouchDbUnavailableTest extends CouchDbTestBase {

  @Test
  void callsFailWithUnavailableWhileTheServerIsDownAndWorkWhenItIsBack() {
    FileRecord a = await(store.create(Records.processed("ann", "a").build()));
    CouchDbTestServer server = CouchDbTestServer.shared();
    server.stop();
    try {
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(store.ping()));
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(store.get(a.uploadId())));
      assertEquals(
          ErrorCode.UNAVAILABLE, failureCode(store.create(Records.processed("ann", "b").build())));
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(store.list(ListQuery.listed())));
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(store.changes(null, 10)));
      assertEquals(
          ErrorCode.UNAVAILABLE,
          failureCode(CouchDbFileStore.open(VERTX, server.url(), server.freshDatabase())));
    } finally {
      server.start();
    }
    await(CouchDbFileStore.open(VERTX, server.url(), database).compose(s -> s.close()));
    await(store.ping());
    FileRecord b = await(store.create(Records.processed("ann", "b").build()));
    assertEquals(b, await(store.get(b.uploadId())));
    assertEquals(1, await(store.list(ListQuery.listed())).total());
  }
}
