package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.tck.Records;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alias documents: one holder under concurrent writers, and no alias left dangling. */
class CouchDbAliasIT extends CouchDbTestBase {

  @Test
  void concurrentCreatesWithOneAliasHaveExactlyOneWinner() {
    List<Future<FileRecord>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(store.create(Records.processed("ann", "n" + i).alias("same").build()));
    }
    int won = 0;
    for (Future<FileRecord> f : attempts) {
      try {
        await(f);
        won++;
      } catch (FileError e) {
        assertEquals(ErrorCode.ALIAS_TAKEN, e.code());
      }
    }
    assertEquals(1, won);
    assertEquals("same", await(store.getByAlias("ann", "same")).alias());
  }

  @Test
  void concurrentUpdatesClaimingOneAliasHaveExactlyOneWinner() {
    List<FileRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      records.add(await(store.create(Records.processed("ann", "n" + i).build())));
    }
    List<Future<FileRecord>> attempts = new ArrayList<>();
    for (FileRecord r : records) {
      attempts.add(store.update(r.toBuilder().alias("shared").build(), 1));
    }
    int won = 0;
    for (Future<FileRecord> f : attempts) {
      if (f.transform(ar -> Future.succeededFuture(ar.succeeded()))
          .toCompletionStage()
          .toCompletableFuture()
          .join()) {
        won++;
      } else {
        assertEquals(ErrorCode.ALIAS_TAKEN, failureCode(f));
      }
    }
    assertEquals(1, won);
  }

  @Test
  void aClaimWhoseRecordLostTheAliasIsFree() {
    FileRecord a = await(store.create(Records.processed("ann", "a").alias("x").build()));
    // The record drops the alias, but its alias document stays (as if the release had failed).
    JsonDoc.put(database, a.toBuilder().alias(null).version(2).build());
    FileRecord b = await(store.create(Records.processed("ann", "b").alias("x").build()));
    assertEquals(b.uploadId(), await(store.getByAlias("ann", "x")).uploadId());
  }

  @Test
  void aFailedCreateRollsItsClaimBack() {
    FileRecord a = await(store.create(Records.processed("ann", "a").build()));
    FileRecord clash = a.toBuilder().alias("y").build();
    assertEquals(ErrorCode.CONFLICT, failureCode(store.create(clash)));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.getByAlias("ann", "y")));
    await(store.create(Records.processed("ann", "b").alias("y").build()));
  }

  @Test
  void movingAnAliasFreesTheOldOneAndDeletingFreesTheNew() {
    FileRecord a = await(store.create(Records.processed("ann", "a").alias("old").build()));
    a = await(store.update(a.toBuilder().alias("new").build(), 1));
    assertEquals(ErrorCode.NOT_FOUND, failureCode(store.getByAlias("ann", "old")));
    await(store.create(Records.processed("ann", "b").alias("old").build()));
    await(store.delete(a.uploadId(), a.version()));
    await(store.create(Records.processed("ann", "c").alias("new").build()));
    assertEquals("c", await(store.getByAlias("ann", "new")).name());
  }

  /** Writes a record document behind the store's back. */
  private static final class JsonDoc {
    static void put(String database, FileRecord r) {
      CouchClient couch =
          new CouchClient(VERTX, CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database));
      try {
        String path = CouchClient.docPath(r.uploadId());
        String rev =
            CouchClient.okBody(await(couch.db(HttpMethod.GET, path, null)), "read")
                .getString("_rev");
        CouchClient.okBody(
            await(couch.db(HttpMethod.PUT, path, CouchDbCodec.toDoc(r, rev))), "write");
      } finally {
        couch.close();
      }
    }
  }
}
