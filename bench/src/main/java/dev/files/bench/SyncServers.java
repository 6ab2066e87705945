package dev.files.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two servers of the syncer benchmark on free loopback ports: redis-server without persistence
 * and pouchdb-server in memory, started like {@link Backend} starts them, but exposing their URLs
 * (the syncer connects to both itself).
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
    Path exe = root.resolve("tools/pouchdb/node_modules/.bin/pouchdb-server").toAbsolutePath();
    if (!Files.isExecutable(exe)) {
      throw new IllegalStateException(exe + " is missing: run scripts/prereqs/pouchdb.sh");
    }
    Path redisDir = Files.createDirectories(work.resolve("redis"));
    int redisPort = ChildProcess.freePort();
    ChildProcess redis =
        ChildProcess.start(
                "redis-server",
                List.of(
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(redisPort),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    redisDir.toString()),
                Map.of(),
                redisDir)
            .awaitPort(redisPort, 30);
    try {
      Path couchDir = Files.createDirectories(work.resolve("couchdb"));
      int couchPort = ChildProcess.freePort();
      String couchUrl = "http://127.0.0.1:" + couchPort;
      ChildProcess couch =
          ChildProcess.start(
                  "pouchdb-server",
                  List.of(
                      exe.toString(),
                      "--host",
                      "127.0.0.1",
                      "--port",
                      Integer.toString(couchPort),
                      "--in-memory",
                      "--no-stdout-logs",
                      "--config",
                      couchDir.resolve("config.json").toString()),
                  Map.of(),
                  couchDir)
              .awaitHttp(couchUrl + "/", 60);
      return new SyncServers("redis://127.0.0.1:" + redisPort, couchUrl, redis, couch);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  /** Resident set size of pouchdb-server (and its children) in MiB, -1 when unreadable. */
  long couchRssMib() {
    long kib = ChildProcess.procStatusKib(couch.pid(), "VmRSS:");
    return kib < 0 ? -1 : kib / 1024;
  }

  @Override
  public void close() {
    try {
      couch.close();
    } finally {
      redis.close();
    }
  }
}
