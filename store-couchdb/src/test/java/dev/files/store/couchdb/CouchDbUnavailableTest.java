package dev.files.store.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.tck.Records;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that goes away: every call fails fast with {@code unavailable}, and the same store works
 * again once the server is back. Written for servers that keep their data over a restart (CouchDB)
 * and for ones that do not (pouchdb-server runs in memory): the database is opened again, which
 * creates it only where it is missing, and nothing is assumed about the records from before.
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
    // opening creates the database and indexes only where missing: a no-op on a server that kept
    // its data (CouchDB), a re-creation on one that did not (pouchdb-server in memory)
    await(CouchDbFileStore.open(VERTX, server.url(), database).compose(s -> s.close()));
    await(store.ping());
    FileRecord b = await(store.create(Records.processed("ann", "b").build()));
    assertEquals(b, await(store.get(b.uploadId())));
    List<String> listed =
        await(store.list(ListQuery.listed())).items().stream().map(FileRecord::uploadId).toList();
    assertTrue(listed.contains(b.uploadId()), listed::toString);
    assertTrue(keptOrGone(a), "a record from before the restart is either kept whole or gone");
  }

  private boolean keptOrGone(FileRecord r) {
    try {
      return r.equals(await(store.get(r.uploadId())));
    } catch (RuntimeException e) {
      return FileError.of(e).code() == ErrorCode.NOT_FOUND;
    }
  }
}
