package dev.files.store.redis;

import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;

/** The whole store contract on a real Redis Cluster (3 masters, 3 replicas), fresh keyspaces. */
class RedisClusterContractTest extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    return vertx -> RedisTestCluster.shared().openFreshStore(vertx).map(s -> s);
  }
}
