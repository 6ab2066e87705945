package dev.files.store.sqlite;

import dev.files.config.ConfigKey;
import dev.files.error.FileError;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code store.primary=sqlite} / {@code store.list=sqlite}: the embedded default backend.
 *
 * <p>Configuration ({@code store.sqlite}):
 *
 * <ul>
 *   <li>{@code path}: the database file; default {@code <data.dir>/files.db}
 *   <li>{@code data.dir}: added by the service; default {@code ./data}
 *   <li>{@code readers}: read connections (and reader threads); default 4
 *   <li>{@code busyTimeoutMs}: how long a statement waits for a lock held by another process before
 *       failing with {@code unavailable}; default 5000
 *   <li>{@code changesRetained}: change feed entries kept at least; older ones are pruned now and
 *       then; 0 keeps every entry; default 1000000
 * </ul>
 */
public final class SqliteStoreProvider implements FileStoreProvider {
  public static final String NAME = "sqlite";

  /** The keys {@link #open} reads, with the defaults it applies (section {@code store.sqlite}). */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string("path", null, "the database file; null: <data.dir>/files.db"),
          ConfigKey.integer("readers", 4L, "read connections (and reader threads)"),
          ConfigKey.integer("busyTimeoutMs", 5000L, "lock wait before failing as unavailable"),
          ConfigKey.integer(
              "changesRetained", 1_000_000L, "change feed entries kept at least; 0 keeps all"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return KEYS;
  }

  @Override
  public Future<FileStore> open(Vertx vertx, JsonObject config) {
    JsonObject c = config == null ? new JsonObject() : config;
    Path path = path(c);
    int readers = c.getInteger("readers", 4);
    int busyTimeoutMs = c.getInteger("busyTimeoutMs", 5000);
    long changesRetained = c.getLong("changesRetained", 1_000_000L);
    if (readers < 1 || busyTimeoutMs < 0 || changesRetained < 0) {
      return Future.failedFuture(
          FileError.validation(
              "store.sqlite: readers must be >= 1, busyTimeoutMs and changesRetained >= 0"));
    }
    return vertx
        .executeBlocking(
            () -> {
              Path parent = path.toAbsolutePath().getParent();
              if (parent != null) {
                Files.createDirectories(parent);
              }
              return path;
            })
        .recover(
            t ->
                Future.failedFuture(
                    FileError.unavailable("cannot create the directory of " + path, t)))
        .compose(p -> SqliteDatabase.open(vertx, p, readers, busyTimeoutMs))
        .map(db -> new SqliteFileStore(db, changesRetained));
  }

  static Path path(JsonObject c) {
    String explicit = c.getString("path");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    return Path.of(c.getString("data.dir", "./data"), "files.db");
  }
}
