package dev.files.syncer;

import dev.files.store.redis.RedisTestCluster;
import io.vertx.core.json.JsonObject;

/** {@link ParkTest} with Redis Cluster (3 masters, 3 replicas) as the source. */
class ParkOnRedisClusterTest extends ParkTest {
  @Override
  JsonObject freshRedisKeyspace() {
    return RedisTestCluster.shared().freshConfig(4);
  }
}
