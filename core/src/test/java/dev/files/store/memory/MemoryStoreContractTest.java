package dev.files.store.memory;

import dev.files.store.FileStore;
import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;
import io.vertx.core.Future;

/** The reference store passes the whole contract. */
class MemoryStoreContractTest extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    return vertx -> Future.<FileStore>succeededFuture(new MemoryFileStore());
  }
}
