package dev.files.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two servers of the syncer benchmark on free loopback ports: redis-server without persistence
 * and pouchdb-server in memory, started through {@link LocalServer}, exposing their URLs (the
 * syncer connects to both itself).
 */
final class SyncServers implements AutoCloseable {
  final String redisUrl;
  final String couchUrl;
  private final ChildProcess redis;
  private final ChildProcess couch;

  private SyncServers(String redisUrl, String couchUrl, ChildProcess redis, ChildProcess couch) {
    this.redisUrl = redisUrl;
    this.couchUrl = couchUrl;
    this.redis = redis;
    this.couch = couch;
  }

  static SyncServers start(Path root, Path work) throws Exception {
    return start(root, work, null);
  }

  /** With {@code couchUrl} an external CouchDB instead of a local pouchdb-server (null: local). */
  static SyncServers start(Path root, Path work, String couchUrl) throws Exception {
    LocalServer redis =
        LocalServer.redis(Files.createDirectories(work.resolve("redis")), List.of());
    if (couchUrl != null) {
      return new SyncServers(redis.url(), couchUrl, redis.process(), null);
    }
    try {
      LocalServer couch =
          LocalServer.pouchdb(root, Files.createDirectories(work.resolve("couchdb")));
      return new SyncServers(redis.url(), couch.url(), redis.process(), couch.process());
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** Resident set size of pouchdb-server (and its children) in MiB, -1 when unreadable. */
  long couchRssMib() {
    if (couch == null) {
      return -1;
    }
    long kib = ChildProcess.procStatusKib(couch.pid(), "VmRSS:");
    return kib < 0 ? -1 : kib / 1024;
  }

  @Override
  public void close() {
    try {
      if (couch != null) {
        couch.close();
      }
    } finally {
      redis.close();
    }
  }
}
