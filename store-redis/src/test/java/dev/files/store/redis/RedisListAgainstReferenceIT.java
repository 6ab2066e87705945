package dev.files.store.redis;

import io.vertx.core.json.JsonObject;

/** The list-against-reference suite on one redis-server. */
class RedisListAgainstReferenceIT extends ListAgainstReferenceSuite {
  @Override
  protected JsonObject freshConfig(int shards) {
    return RedisTestServer.shared().freshConfig(shards);
  }
}
