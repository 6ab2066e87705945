package dev.files.service.e2e;

import java.nio.file.Path;
import java.util.Map;

/** The embedded default: SQLite under data.dir and local disk storage served by the service. */
class SqliteLocalEndToEndTest extends AbstractEndToEndTest {
  @Override
  protected Map<String, String> environment(Path dataDir) {
    return Map.of(
        "FILES_STORE_PRIMARY",
        "sqlite",
        "FILES_STORE_LIST",
        "sqlite",
        "FILES_STORAGE_TYPE",
        "local");
  }
}
