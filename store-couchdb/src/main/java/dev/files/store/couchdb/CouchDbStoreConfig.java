package dev.files.store.couchdb;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The configuration of the {@code couchdb} store ({@code store.couchdb} section). Every key is
 * optional; docs/backends/couchdb.md documents them.
 *
 * @param url the server, credentials as user info ({@code http://admin:secret@db:5984}); default
 *     {@value #DEFAULT_URL}
 * @param database the database, created at startup when missing; default {@value #DEFAULT_DATABASE}
 * @param requestTimeoutMs how long one HTTP request may take before the call fails as {@code
 *     unavailable}; default {@value #DEFAULT_REQUEST_TIMEOUT_MS}. The first query of a fresh or
 *     migrated index waits while the server builds it, which on large databases takes longer.
 * @param connectTimeoutMs how long opening a connection may take; default {@value
 *     #DEFAULT_CONNECT_TIMEOUT_MS}
 * @param maxPoolSize how many HTTP connections to the server the client keeps open at most;
 *     requests beyond that wait for a free connection, and the wait counts against {@code
 *     requestTimeoutMs}. Default {@value #DEFAULT_MAX_POOL_SIZE}: the syncer runs one chain per
 *     shard, each with its alias claims in parallel.
 * @param staleLists whether lists read the indexes as they are, without bringing them up to date
 *     first ({@code update: false}): no list waits for an index update or build. Default {@value
 *     #DEFAULT_STALE_LISTS}: for {@code store.list=couchdb} beside the syncer, which brings the
 *     indexes up to date after each batch it applies; the store itself does so in the background
 *     after its own writes (a list may then miss a write of the last moments).
 */
public record CouchDbStoreConfig(
    String url,
    String database,
    long requestTimeoutMs,
    long connectTimeoutMs,
    int maxPoolSize,
    boolean staleLists) {

  public static final String DEFAULT_URL = "http://127.0.0.1:5984";
  public static final String DEFAULT_DATABASE = "files";
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_POOL_SIZE = 32;
  public static final boolean DEFAULT_STALE_LISTS = false;

  /** The keys {@link #from} reads, with the defaults it applies (section {@code store.couchdb}). */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string("url", DEFAULT_URL, "the server; credentials as user info"),
          ConfigKey.string("database", DEFAULT_DATABASE, "the database; created when missing"),
          ConfigKey.integer(
              "requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS, "limit of one HTTP request"),
          ConfigKey.integer(
              "connectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS, "limit of opening a connection"),
          ConfigKey.integer(
              "maxPoolSize", (long) DEFAULT_MAX_POOL_SIZE, "most HTTP connections kept open"),
          ConfigKey.bool(
              "staleLists",
              DEFAULT_STALE_LISTS,
              "lists read indexes without updating them (the syncer keeps them warm)"));

  public CouchDbStoreConfig {
    if (url == null || url.isBlank() || database == null || database.isBlank()) {
      throw FileError.validation("store.couchdb: url and database must not be empty");
    }
    if (requestTimeoutMs < 1 || connectTimeoutMs < 1) {
      throw FileError.validation(
          "store.couchdb: requestTimeoutMs and connectTimeoutMs must be > 0");
    }
    if (maxPoolSize < 1) {
      throw FileError.validation("store.couchdb: maxPoolSize must be > 0");
    }
  }

  /** Lists that bring the indexes up to date before reading them (the default). */
  public CouchDbStoreConfig(
      String url, String database, long requestTimeoutMs, long connectTimeoutMs, int maxPoolSize) {
    this(url, database, requestTimeoutMs, connectTimeoutMs, maxPoolSize, DEFAULT_STALE_LISTS);
  }

  /** This configuration with lists that read the indexes without updating them. */
  public CouchDbStoreConfig withStaleLists(boolean stale) {
    return new CouchDbStoreConfig(
        url, database, requestTimeoutMs, connectTimeoutMs, maxPoolSize, stale);
  }

  /** The defaults, with this server and database. */
  public static CouchDbStoreConfig of(String url, String database) {
    return new CouchDbStoreConfig(
        url,
        database,
        DEFAULT_REQUEST_TIMEOUT_MS,
        DEFAULT_CONNECT_TIMEOUT_MS,
        DEFAULT_MAX_POOL_SIZE);
  }

  /** Reads the {@code store.couchdb} section; a missing key takes its default. */
  public static CouchDbStoreConfig from(JsonObject c) {
    JsonObject s = c == null ? new JsonObject() : c;
    return new CouchDbStoreConfig(
        s.getString("url", DEFAULT_URL),
        s.getString("database", DEFAULT_DATABASE),
        s.getLong("requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS),
        s.getLong("connectTimeoutMs", DEFAULT_CONNECT_TIMEOUT_MS),
        s.getInteger("maxPoolSize", DEFAULT_MAX_POOL_SIZE),
        s.getBoolean("staleLists", DEFAULT_STALE_LISTS));
  }
}
