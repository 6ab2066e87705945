package dev.files.store.memory;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.Capability;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeFeed;
import dev.files.store.ChangeOp;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.Scope;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import dev.files.store.query.PageWindow;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.RecordOrder;
import dev.files.store.query.ReportTally;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The reference store: everything in memory, every operation one critical section, queries
 * evaluated by {@link RecordMatcher} and {@link RecordOrder}. It defines what the contract suite
 * expects of the other backends, and serves tests and throw-away runs.
 */
public final class MemoryFileStore implements FileStore, ChangeFeed {
  private final Map<String, FileRecord> records = new HashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final List<Change> feed = new ArrayList<>();
  private final Map<String, List<HistoryEntry>> histories = new HashMap<>();

  @Override
  public Future<FileRecord> create(FileRecord record) {
    return create(record, WriteContext.unattributed());
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    return locked(
        () -> {
          if (records.containsKey(record.uploadId())) {
            throw new FileError(ErrorCode.CONFLICT, "record " + record.uploadId() + " exists");
          }
          FileRecord stored = record.toBuilder().version(1).build();
          claimAlias(null, stored);
          records.put(stored.uploadId(), stored);
          append(stored.uploadId(), 1, ChangeOp.CREATE);
          histories.put(stored.uploadId(), List.of());
          record(stored.uploadId(), HistoryEntry.of(null, stored, context), context);
          return stored;
        });
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return locked(() -> current(uploadId));
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return locked(
        () -> {
          String id = aliases.get(aliasKey(owner, alias));
          if (id == null) {
            throw FileError.notFound("no file with alias '" + alias + "'");
          }
          return records.get(id);
        });
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return locked(() -> write(record, expectedVersion, WriteContext.unattributed()));
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return locked(() -> write(after, before.version(), context));
  }

  private FileRecord write(FileRecord record, long expectedVersion, WriteContext context) {
    FileRecord old = current(record.uploadId());
    if (old.version() != expectedVersion) {
      throw FileError.versionConflict(record.uploadId(), expectedVersion);
    }
    FileRecord stored = record.toBuilder().owner(old.owner()).version(expectedVersion + 1).build();
    claimAlias(old, stored);
    records.put(stored.uploadId(), stored);
    append(stored.uploadId(), stored.version(), ChangeOp.UPDATE);
    record(stored.uploadId(), HistoryEntry.of(old, stored, context), context);
    return stored;
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return locked(
        () -> {
          current(uploadId);
          return histories.getOrDefault(uploadId, List.of()).stream()
              .filter(e -> e.versionAfter() > afterVersion)
              .limit(Math.max(0, limit))
              .toList();
        });
  }

  /** Appends the entry and applies the write's retention, inside the write's critical section. */
  private void record(String uploadId, HistoryEntry entry, WriteContext context) {
    List<HistoryEntry> all = new ArrayList<>(histories.getOrDefault(uploadId, List.of()));
    all.add(entry);
    histories.put(uploadId, context.retention().kept(all, entry.at()));
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    return locked(
        () -> {
          FileRecord old = current(uploadId);
          if (old.version() != expectedVersion) {
            throw FileError.versionConflict(uploadId, expectedVersion);
          }
          records.remove(uploadId);
          histories.remove(uploadId);
          if (old.alias() != null) {
            aliases.remove(aliasKey(old.owner(), old.alias()));
          }
          append(uploadId, expectedVersion + 1, ChangeOp.DELETE);
          return null;
        });
  }

  @Override
  public Future<Page> list(ListQuery q) {
    return locked(
        () -> {
          List<FileRecord> matching = new ArrayList<>();
          for (FileRecord r : records.values()) {
            if (RecordMatcher.matches(q, r)) {
              matching.add(r);
            }
          }
          return PageWindow.sortedPage(q, matching);
        });
  }

  @Override
  public Future<Report> report(String owner) {
    ListQuery scope = ListQuery.listed().withScope(Scope.LISTED).withOwner(owner);
    return locked(
        () -> {
          ReportTally tally = new ReportTally();
          for (FileRecord r : records.values()) {
            if (RecordMatcher.inScope(scope, r)) {
              tally.add(r);
            }
          }
          return tally.report();
        });
  }

  @Override
  public Future<ChangeBatch> changes(String since, int limit) {
    return locked(
        () -> {
          int from = since == null ? 0 : Integer.parseInt(since);
          int to = Math.min(feed.size(), from + limit);
          List<Change> out = List.copyOf(feed.subList(Math.min(from, to), to));
          return new ChangeBatch(out, out.isEmpty() ? since : out.get(out.size() - 1).seq());
        });
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private FileRecord current(String uploadId) {
    FileRecord r = records.get(uploadId);
    if (r == null) {
      throw FileError.notFound("no file " + uploadId);
    }
    return r;
  }

  /** Moves the owner's alias from {@code old} (if any) to {@code next}, or fails if taken. */
  private void claimAlias(FileRecord old, FileRecord next) {
    if (next.alias() != null) {
      String holder = aliases.get(aliasKey(next.owner(), next.alias()));
      if (holder != null && !holder.equals(next.uploadId())) {
        throw FileError.aliasTaken(next.alias());
      }
    }
    if (old != null && old.alias() != null) {
      aliases.remove(aliasKey(old.owner(), old.alias()));
    }
    if (next.alias() != null) {
      aliases.put(aliasKey(next.owner(), next.alias()), next.uploadId());
    }
  }

  private void append(String uploadId, long version, ChangeOp op) {
    feed.add(new Change(String.valueOf(feed.size() + 1), uploadId, version, op));
  }

  private static String aliasKey(String owner, String alias) {
    return owner + '\u0000' + alias;
  }

  private synchronized <T> Future<T> locked(Callable<T> body) {
    try {
      return Future.succeededFuture(body.call());
    } catch (Exception e) {
      return Future.failedFuture(FileError.of(e));
    }
  }
}
