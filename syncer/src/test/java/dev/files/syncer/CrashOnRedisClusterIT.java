package dev.files.syncer;

import dev.files.store.redis.RedisTestCluster;
import io.vertx.core.json.JsonObject;

/** {@link CrashIT} with Redis Cluster (3 masters, 3 replicas) as the source. */
class CrashOnRedisClusterIT extends CrashIT {
  @Override
  JsonObject freshRedisKeyspace() {
    return RedisTestCluster.shared().freshConfig(4);
  }
}
