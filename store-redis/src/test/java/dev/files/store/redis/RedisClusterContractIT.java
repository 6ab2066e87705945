package dev.files.store.redis;

import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;

/** The whole store contract on a real Redis Cluster (3 masters, 3 replicas), fresh keyspaces. */
class RedisClusterContractIT extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    RedisStoreConfig config = RedisStoreConfig.from(RedisTestCluster.shared().freshConfig(4));
    return StoreFixture.reopening(vertx -> RedisStoreProvider.open(vertx, config));
  }
}
