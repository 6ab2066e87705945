package dev.files.store.redis;

import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;

/** The whole store contract against a real redis-server, each test in a fresh keyspace. */
class RedisStoreContractTest extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    return vertx -> RedisTestServer.shared().openFreshStore(vertx).map(s -> s);
  }
}
