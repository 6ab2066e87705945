package dev.files.bench;

import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.history.HistoryRetention;
import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;

/**
 * The writes {@link HistoryCommand} times, as the service makes them: with a {@link WriteContext},
 * so each one writes its history entry. {@code bench/history-baseline} builds the commit before the
 * history with a copy of this class that calls the plain {@code create(record)} and {@code
 * update(record, version)} instead, for the numbers without history.
 */
final class HistoryWrites {
  static final String WHAT = "with history (the service's writes, a WriteContext each)";

  private static final Origin ORIGIN =
      new Origin(Origin.HTTP, "203.0.113.9", "bench/1", "bench", "bench-req", "bench-req");

  private HistoryWrites() {}

  static Future<FileRecord> create(FileStore store, FileRecord record) {
    return store.create(record, context("files.upload", record.owner()));
  }

  static Future<FileRecord> update(FileStore store, FileRecord before, FileRecord after) {
    return store.update(before, after, context("files.tag.add", before.owner()));
  }

  private static WriteContext context(String action, String actor) {
    return new WriteContext(
        action, actor, System.currentTimeMillis(), ORIGIN, HistoryRetention.defaults());
  }
}
