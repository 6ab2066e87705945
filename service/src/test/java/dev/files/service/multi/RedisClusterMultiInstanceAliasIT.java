package dev.files.service.multi;

import dev.files.store.redis.RedisTestCluster;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Concurrent alias claims through three instances on a real Redis Cluster (3 masters). */
class RedisClusterMultiInstanceAliasIT extends AbstractMultiInstanceAliasTest {
  @Override
  protected Map<String, String> stores() {
    JsonObject c = RedisTestCluster.shared().freshConfig(16);
    return Map.of(
        "FILES_STORE_PRIMARY", "redis",
        "FILES_STORE_LIST", "redis",
        "FILES_STORE_REDIS_TYPE", "cluster",
        "FILES_STORE_REDIS_URL", c.getString("url"),
        "FILES_STORE_REDIS_PREFIX", c.getString("prefix"),
        "FILES_STORE_REDIS_SHARDS", "16");
  }
}
