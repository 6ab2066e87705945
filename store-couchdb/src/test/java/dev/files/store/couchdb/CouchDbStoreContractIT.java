package dev.files.store.couchdb;

import dev.files.store.FileStore;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The whole store contract against pouchdb-server, one fresh database per test. */
class CouchDbStoreContractIT extends FileStoreContract {
  @Override
  protected StoreFixture fixture() {
    CouchDbTestServer server = CouchDbTestServer.shared();
    String database = server.freshDatabase();
    return new StoreFixture() {
      @Override
      public Future<FileStore> open(Vertx vertx) {
        return CouchDbFileStore.open(vertx, server.url(), database).map(s -> s);
      }

      @Override
      public Future<FileStore> reopen(Vertx vertx) {
        return open(vertx);
      }

      @Override
      public Future<Void> close(FileStore store) {
        return CouchDbTestServer.shared().dropAndClose(store);
      }
    };
  }
}
