package dev.files.action;

import dev.files.model.FileRecord;
import dev.files.store.Capability;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * A store that runs a competing write just before the next update (a race on demand), and can fail
 * the next update or hold deletes back (an outage on demand).
 */
final class RacingStore implements FileStore {
  private final FileStore delegate;
  private Runnable race;
  private int updatesBeforeRace;
  private Throwable nextUpdateFailure;
  private Future<Void> deleteGate;
  private int deletesAsked;

  RacingStore(FileStore delegate) {
    this.delegate = delegate;
  }

  void beforeNextUpdate(Runnable competitor) {
    beforeUpdate(1, competitor);
  }

  /** Runs the competitor before the n-th update from now (1: the next one). */
  void beforeUpdate(int n, Runnable competitor) {
    updatesBeforeRace = n;
    race = competitor;
  }

  /** The next update fails with {@code failure} without reaching the store. */
  void failNextUpdate(Throwable failure) {
    nextUpdateFailure = failure;
  }

  /** Deletes wait for {@code gate} before they reach the store. */
  void holdDeletesUntil(Future<Void> gate) {
    deleteGate = gate;
  }

  int deletesAsked() {
    return deletesAsked;
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return beforeUpdate().compose(v -> delegate.update(record, expectedVersion));
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return beforeUpdate().compose(v -> delegate.update(before, after, context));
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    return delegate.create(record, context);
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return delegate.history(uploadId, afterVersion, limit);
  }

  private Future<Void> beforeUpdate() {
    Throwable failure = nextUpdateFailure;
    if (failure != null) {
      nextUpdateFailure = null;
      return Future.failedFuture(failure);
    }
    Runnable r = race;
    if (r != null && --updatesBeforeRace == 0) {
      race = null;
      r.run();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<FileRecord> create(FileRecord record) {
    return delegate.create(record);
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return delegate.get(uploadId);
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return delegate.getByAlias(owner, alias);
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    deletesAsked++;
    Future<Void> gate = deleteGate == null ? Future.succeededFuture() : deleteGate;
    return gate.compose(v -> delegate.delete(uploadId, expectedVersion));
  }

  @Override
  public Future<Page> list(ListQuery query) {
    return delegate.list(query);
  }

  @Override
  public Future<Report> report(String owner) {
    return delegate.report(owner);
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
