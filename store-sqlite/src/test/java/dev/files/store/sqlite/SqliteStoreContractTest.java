package dev.files.store.sqlite;

import dev.files.store.FileStoreProvider;
import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole store contract on the sqlite backend: one fresh database file per test. */
class SqliteStoreContractTest extends FileStoreContract implements ChangeFeedContract {
  @TempDir Path dir;

  @Override
  protected StoreFixture fixture() {
    JsonObject config = new JsonObject().put("path", dir.resolve("files.db").toString());
    return StoreFixture.reopening(
        vertx -> FileStoreProvider.named(SqliteStoreProvider.NAME).open(vertx, config));
  }
}
