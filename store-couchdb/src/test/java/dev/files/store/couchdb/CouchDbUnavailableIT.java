package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.tck.Records;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that goes away: every call fails fast with {@code unavailable}, and the same store works
 * again once the server is back, with the records it had. The store reaches the test server through
 * a {@link TcpGate}, shut for the outage: the server keeps running and keeps its data, as a real
 * CouchDB does over a restart, and an external server (which a test must not stop) works the same.
 */
class CouchDbUnavailableIT extends CouchDbTestBase {
  private TcpGate gate;
  private CouchDbFileStore gated;

  @BeforeEach
  void openThroughGate() {
    URI server = URI.create(CouchDbTestServer.shared().url());
    gate = TcpGate.to(server.getHost(), CouchDbTestServer.shared().port());
    gated =
        await(
            CouchDbFileStore.open(VERTX, CouchDbTestServer.shared().urlVia(gate.port()), database));
  }

  @AfterEach
  void closeGate() {
    await(gated.close());
    gate.close();
  }

  @Test
  void callsFailWithUnavailableWhileTheServerIsDownAndWorkWhenItIsBack() {
    FileRecord a = await(gated.create(Records.processed("ann", "a").build()));
    gate.shut();
    try {
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(gated.ping()));
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(gated.get(a.uploadId())));
      assertEquals(
          ErrorCode.UNAVAILABLE, failureCode(gated.create(Records.processed("ann", "b").build())));
      assertEquals(ErrorCode.UNAVAILABLE, failureCode(gated.list(ListQuery.listed())));
      assertEquals(
          ErrorCode.UNAVAILABLE,
          failureCode(
              CouchDbFileStore.open(
                  VERTX,
                  CouchDbTestServer.shared().urlVia(gate.port()),
                  CouchDbTestServer.shared().freshDatabase())));
    } finally {
      gate.open();
    }
    await(gated.ping());
    assertEquals(a, await(gated.get(a.uploadId())), "the server kept the record");
    FileRecord b = await(gated.create(Records.processed("ann", "b").build()));
    assertEquals(b, await(gated.get(b.uploadId())));
    List<String> listed =
        await(gated.list(ListQuery.listed())).items().stream().map(FileRecord::uploadId).toList();
    assertTrue(listed.containsAll(List.of(a.uploadId(), b.uploadId())), listed::toString);
  }
}
