package dev.files.service.trace;

import dev.files.model.FileRecord;
import dev.files.store.Capability;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link FileStore} decorator that makes each call inside a traced step a span {@code
 * store.<method>} with the backend ({@code files.store.backend}), the upload and owner it concerns.
 * A record created under a traced request keeps that request's {@code traceparent}, and a record
 * read back tells a span waiting for its upload which one it is ({@link UploadLink}).
 */
public final class TracedFileStore implements FileStore {
  /** Attribute {@code files.store.backend}. */
  public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("files.store.backend");

  private final FileStore delegate;
  private final String backend;
  private final Tracing tracing;

  public TracedFileStore(FileStore delegate, String backend, Tracing tracing) {
    this.delegate = delegate;
    this.backend = backend;
    this.tracing = tracing;
  }

  private <T> Future<T> traced(
      String method,
      String uploadId,
      String owner,
      Supplier<Future<T>> call,
      Function<T, FileRecord> recordOf) {
    Context parent = Context.current();
    Span span = tracing.startCall("store." + method, parent, new SpanTags(null, uploadId, owner));
    if (span == null) {
      return VertxContextStorage.safely(call);
    }
    span.setAttribute(BACKEND, backend);
    return VertxContextStorage.safely(call)
        .andThen(
            ar -> {
              if (ar.succeeded() && recordOf != null) {
                UploadLink.learn(parent, recordOf.apply(ar.result()));
              }
              Tracing.end(span, ar);
            });
  }

  @Override
  public Future<FileRecord> create(FileRecord record) {
    FileRecord stamped = stamped(record);
    return traced(
        "create", record.uploadId(), record.owner(), () -> delegate.create(stamped), null);
  }

  /** The record with the current request's traceparent, unless it has one. */
  private static FileRecord stamped(FileRecord record) {
    String traceparent = Tracing.currentTraceparent(Context.current());
    return record.traceparent() == null && traceparent != null
        ? record.toBuilder().traceparent(traceparent).build()
        : record;
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return traced("get", uploadId, null, () -> delegate.get(uploadId), Function.identity());
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return traced(
        "getByAlias", null, owner, () -> delegate.getByAlias(owner, alias), Function.identity());
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return traced(
        "update",
        record.uploadId(),
        record.owner(),
        () -> delegate.update(record, expectedVersion),
        Function.identity());
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    return traced("delete", uploadId, null, () -> delegate.delete(uploadId, expectedVersion), null);
  }

  @Override
  public Future<Page> list(ListQuery query) {
    return traced("list", null, null, () -> delegate.list(query), null);
  }

  @Override
  public Future<Report> report(String owner) {
    return traced("report", null, owner, () -> delegate.report(owner), null);
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    FileRecord stamped = stamped(record);
    return traced(
        "create", record.uploadId(), record.owner(), () -> delegate.create(stamped, context), null);
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return traced(
        "update",
        after.uploadId(),
        after.owner(),
        () -> delegate.update(before, after, context),
        Function.identity());
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return traced(
        "history", uploadId, null, () -> delegate.history(uploadId, afterVersion, limit), null);
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Future<Void> ping() {
    return delegate.ping();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
