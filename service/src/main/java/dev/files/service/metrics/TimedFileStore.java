package dev.files.service.metrics;

import dev.files.model.FileRecord;
import dev.files.store.Capability;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link FileStore} decorator that times every call: timer {@code files.store} (Prometheus {@code
 * files_store_seconds}) tagged with the backend, the method and the outcome ({@code ok} or the
 * error code).
 */
public final class TimedFileStore implements FileStore {
  /** The timer's name. */
  public static final String METRIC = "files.store";

  private final FileStore delegate;
  private final String backend;
  private final MeterRegistry registry;

  public TimedFileStore(FileStore delegate, String backend, MeterRegistry registry) {
    this.delegate = delegate;
    this.backend = backend;
    this.registry = registry;
  }

  /** The decorated store. */
  public FileStore delegate() {
    return delegate;
  }

  private <T> Future<T> timed(String method, Supplier<Future<T>> call) {
    Timer.Sample sample = Timer.start(registry);
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onComplete(
        ar -> {
          String outcome =
              ar.succeeded()
                  ? "ok"
                  : ar.cause() instanceof dev.files.error.FileError fe
                      ? fe.code().code()
                      : "internal";
          sample.stop(
              Timer.builder(METRIC)
                  .description("FileStore calls by backend, method and outcome")
                  .tag("backend", backend)
                  .tag("method", method)
                  .tag("outcome", outcome)
                  .register(registry));
        });
  }

  @Override
  public Future<FileRecord> create(FileRecord record) {
    return timed("create", () -> delegate.create(record));
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    return timed("create", () -> delegate.create(record, context));
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return timed("update", () -> delegate.update(before, after, context));
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return timed("history", () -> delegate.history(uploadId, afterVersion, limit));
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return timed("get", () -> delegate.get(uploadId));
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return timed("getByAlias", () -> delegate.getByAlias(owner, alias));
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return timed("update", () -> delegate.update(record, expectedVersion));
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    return timed("delete", () -> delegate.delete(uploadId, expectedVersion));
  }

  @Override
  public Future<Page> list(ListQuery query) {
    return timed("list", () -> delegate.list(query));
  }

  @Override
  public Future<Report> report(String owner) {
    return timed("report", () -> delegate.report(owner));
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Future<Void> ping() {
    return timed("ping", delegate::ping);
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
