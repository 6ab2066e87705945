package dev.files.service.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.Records;
import dev.files.store.tck.StoreFixture;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics decorator passes the whole store contract around a real SQLite store: timing a call
 * never changes what the store answers. Its own test checks that every call is timed with its
 * outcome.
 */
class TimedFileStoreContractTest extends FileStoreContract {
  private static final String BACKEND = "sqlite";

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  protected StoreFixture fixture() {
    JsonObject config = new JsonObject().put("path", dir.resolve("files.db").toString());
    return StoreFixture.reopening(
        vertx ->
            FileStoreProvider.named(BACKEND)
                .open(vertx, config)
                .map(store -> (FileStore) new TimedFileStore(store, BACKEND, registry)));
  }

  @Test
  void everyCallIsTimedWithItsMethodAndOutcome() {
    FileRecord created = create(Records.processed("ann", "timed"));
    get(created.uploadId());
    assertFails(ErrorCode.NOT_FOUND, store().get(Records.newId()));

    assertEquals(1, calls("create", "ok"));
    assertEquals(1, calls("get", "ok"));
    assertEquals(1, calls("get", ErrorCode.NOT_FOUND.code()));
  }

  private long calls(String method, String outcome) {
    Timer timer =
        registry
            .find(TimedFileStore.METRIC)
            .tags("backend", BACKEND, "method", method, "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }
}
