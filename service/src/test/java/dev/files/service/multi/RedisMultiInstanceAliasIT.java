package dev.files.service.multi;

import dev.files.store.redis.RedisTestServer;
import java.util.Map;

/** Concurrent alias claims through three instances on one Redis (the alias hash in the script). */
class RedisMultiInstanceAliasIT extends AbstractMultiInstanceAliasTest {
  @Override
  protected Map<String, String> stores() {
    RedisTestServer redis = RedisTestServer.shared();
    return Map.of(
        "FILES_STORE_PRIMARY",
        "redis",
        "FILES_STORE_LIST",
        "redis",
        "FILES_STORE_REDIS_URL",
        redis.url(),
        "FILES_STORE_REDIS_PREFIX",
        redis.uniquePrefix());
  }
}
