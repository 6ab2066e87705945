package dev.files.bench;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One backend under test: its server (started here on a free loopback port when it needs one) and
 * an open store.
 */
final class Backend implements AutoCloseable {
  /** The benchmark's CouchDB request timeout: 10 minutes instead of the store's default 15 s. */
  static final long COUCHDB_REQUEST_TIMEOUT_MS = 600_000;

  final String name;
  final FileStore store;
  final RedisSlowlog slowlog;
  private final LocalServer server;

  private Backend(String name, FileStore store, LocalServer server, RedisSlowlog slowlog) {
    this.name = name;
    this.store = store;
    this.server = server;
    this.slowlog = slowlog;
  }

  /**
   * Starts (for redis and couchdb) and opens one backend; {@code redisNameGrams} is the Redis
   * store's {@code nameGrams} option.
   */
  static Backend open(Vertx vertx, String name, Path root, Path work, boolean redisNameGrams)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    return switch (name) {
      case "memory" -> new Backend(name, open(vertx, name, new JsonObject()), null, null);
      case "sqlite" ->
          new Backend(
              name,
              open(vertx, name, new JsonObject().put("data.dir", dir.toString())),
              null,
              null);
      case "redis" -> redis(vertx, dir, redisNameGrams);
      case "couchdb" -> couchdb(vertx, root, dir);
      default -> throw new IllegalArgumentException("unknown backend " + name);
    };
  }

  private static Backend redis(Vertx vertx, Path dir, boolean nameGrams) {
    LocalServer server =
        LocalServer.redis(
            dir, List.of("--slowlog-log-slower-than", "1000", "--slowlog-max-len", "200000"));
    FileStore store =
        open(vertx, "redis", new JsonObject().put("url", server.url()).put("nameGrams", nameGrams));
    return new Backend("redis", store, server, RedisSlowlog.connect(vertx, server.url()));
  }

  private static Backend couchdb(Vertx vertx, Path root, Path dir) {
    LocalServer server = LocalServer.pouchdb(root, dir);
    // pouchdb-server builds a view on its first query and reads whole index ranges for filtered
    // queries (docs/backends/couchdb.md): at 100k records single requests take minutes.
    FileStore store =
        open(
            vertx,
            "couchdb",
            new JsonObject()
                .put("url", server.url())
                .put("database", "bench")
                .put("requestTimeoutMs", COUCHDB_REQUEST_TIMEOUT_MS));
    return new Backend("couchdb", store, server, null);
  }

  private static FileStore open(Vertx vertx, String name, JsonObject config) {
    return Async.await(FileStoreProvider.named(name).open(vertx, config), 120);
  }

  @Override
  public void close() {
    try {
      Async.await(store.close(), 60);
    } finally {
      if (slowlog != null) {
        slowlog.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }
}
