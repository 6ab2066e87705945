package dev.files.syncer;

import dev.files.store.redis.RedisTestCluster;
import io.vertx.core.json.JsonObject;

/** {@link FollowIT} with Redis Cluster (3 masters, 3 replicas) as the source. */
class FollowOnRedisClusterIT extends FollowIT {
  @Override
  JsonObject freshRedisKeyspace() {
    return RedisTestCluster.shared().freshConfig(4);
  }
}
