package dev.files.store.redis;

import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;

/** The whole store contract against a real redis-server, each test in a fresh keyspace. */
class RedisStoreContractIT extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    RedisStoreConfig config = RedisStoreConfig.from(RedisTestServer.shared().freshConfig(4));
    return StoreFixture.reopening(vertx -> RedisStoreProvider.open(vertx, config));
  }
}
