package dev.files.service.e2e;

import dev.files.store.redis.RedisTestServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Redis alone as primary and list store, with local storage. (Redis primary with a CouchDB list
 * store needs the syncer to keep lists in parity; that layout is the syncer's to test.)
 */
class RedisEndToEndIT extends AbstractEndToEndTest {
  @Override
  protected Map<String, String> environment(Path dataDir) {
    RedisTestServer redis = RedisTestServer.shared();
    return Map.of(
        "FILES_STORE_PRIMARY", "redis",
        "FILES_STORE_LIST", "redis",
        "FILES_STORE_REDIS_URL", redis.url(),
        "FILES_STORE_REDIS_PREFIX", redis.uniquePrefix(),
        "FILES_STORAGE_TYPE", "local");
  }
}
