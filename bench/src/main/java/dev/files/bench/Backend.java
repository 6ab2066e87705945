package dev.files.bench;

import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One backend under test: its server (started here on a free loopback port when it needs one) and
 * an open store.
 */
final class Backend implements AutoCloseable {
  /** The benchmark's CouchDB request timeout: 10 minutes instead of the store's default 15 s. */
  static final long COUCHDB_REQUEST_TIMEOUT_MS = 600_000;

  final String name;

  /** The store the data set is loaded through. */
  final FileStore store;

  /**
   * The store the queries run on: {@link #store} except for CouchDB, where it is a second store on
   * the same database with {@code staleLists} (as beside the syncer), opened after the load (it
   * updates the indexes when it opens), so the load does not update indexes and the queries never
   * do.
   */
  private final Supplier<FileStore> listStoreOpener;

  private FileStore listStore;

  final RedisSlowlog slowlog;

  /** The server's URL (null for the embedded backends). */
  final String url;

  private final LocalServer server;

  private Backend(String name, FileStore store, LocalServer server, RedisSlowlog slowlog) {
    this(name, store, () -> store, server, slowlog);
  }

  private Backend(
      String name,
      FileStore store,
      Supplier<FileStore> listStore,
      LocalServer server,
      RedisSlowlog slowlog) {
    this.name = name;
    this.store = store;
    this.listStoreOpener = listStore;
    this.server = server;
    this.url = server == null ? null : server.url();
    this.slowlog = slowlog;
  }

  /** The store for the queries (see {@link #listStoreOpener}), opened on first use. */
  FileStore listStore() {
    if (listStore == null) {
      listStore = listStoreOpener.get();
    }
    return listStore;
  }

  /** Where the CouchDB backend runs: an external server, or a local pouchdb-server. */
  record CouchDb(String url, String database) {
    static final String DEFAULT_DATABASE = "bench";
  }

  /**
   * Starts (for redis and couchdb) and opens one backend; {@code redisNameGrams} is the Redis
   * store's {@code nameGrams} option.
   */
  static Backend open(Vertx vertx, String name, Path root, Path work, boolean redisNameGrams)
      throws Exception {
    return open(vertx, name, root, work, redisNameGrams, null);
  }

  /**
   * As above; {@code couchdb} names an external CouchDB server and database to use instead of a
   * local pouchdb-server (null: start pouchdb-server).
   */
  static Backend open(
      Vertx vertx, String name, Path root, Path work, boolean redisNameGrams, CouchDb couchdb)
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
      case "couchdb" -> couchdb(vertx, root, dir, couchdb);
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

  private static Backend couchdb(Vertx vertx, Path root, Path dir, CouchDb external) {
    LocalServer server = external == null ? LocalServer.pouchdb(root, dir) : null;
    String url = external == null ? server.url() : external.url();
    String database = external == null ? CouchDb.DEFAULT_DATABASE : external.database();
    // pouchdb-server builds a view on its first query and reads whole index ranges for filtered
    // queries (docs/backends/couchdb.md): at 100k records single requests take minutes.
    JsonObject config =
        new JsonObject()
            .put("url", url)
            .put("database", database)
            .put("requestTimeoutMs", COUCHDB_REQUEST_TIMEOUT_MS);
    try {
      FileStore store = open(vertx, "couchdb", config);
      return new Backend(
          "couchdb",
          store,
          () -> open(vertx, "couchdb", config.copy().put("staleLists", true)),
          server,
          null);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  private static FileStore open(Vertx vertx, String name, JsonObject config) {
    return Async.await(FileStoreProvider.named(name).open(vertx, config), 120);
  }

  @Override
  public void close() {
    try {
      if (listStore != null && listStore != store) {
        Async.await(listStore.close(), 60);
      }
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
