package dev.files.store.redis;

import io.vertx.core.json.JsonObject;

/**
 * The list-against-reference suite on a real Redis Cluster: the 4 shards of its keyspace ({s0} to
 * {s3}) hash to slots of all 3 masters, so every list without an owner merges answers of every
 * node.
 */
class RedisClusterListAgainstReferenceIT extends ListAgainstReferenceSuite {
  @Override
  protected int shards() {
    return 4;
  }

  @Override
  protected JsonObject freshConfig(int shards) {
    return RedisTestCluster.shared().freshConfig(shards);
  }
}
