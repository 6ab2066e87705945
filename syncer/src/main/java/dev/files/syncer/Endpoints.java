package dev.files.syncer;

import dev.files.store.couchdb.CouchDbReplica;
import dev.files.store.redis.RedisSyncSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The two ends of the syncer: the Redis keyspace it reads and the CouchDB database it writes. */
public record Endpoints(RedisSyncSource redis, CouchDbReplica couch) {

  /** Connects to both; fails when either cannot be reached. */
  public static Future<Endpoints> open(Vertx vertx, SyncerConfig c) {
    RedisSyncSource redis = RedisSyncSource.open(vertx, c.redis());
    return redis
        .count(0)
        .compose(x -> CouchDbReplica.open(vertx, c.couch()))
        .map(couch -> new Endpoints(redis, couch))
        .onFailure(e -> redis.close());
  }

  public Future<Void> close() {
    return Future.join(redis.close(), couch.close()).mapEmpty();
  }
}
