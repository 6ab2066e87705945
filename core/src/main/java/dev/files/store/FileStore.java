package dev.files.store;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * The backend-neutral metadata store. Every method returns a {@link Future} and never blocks the
 * calling event loop. Failures are {@link dev.files.error.FileError}s: {@code not-found}, {@code
 * conflict}, {@code alias-taken}, {@code version-conflict}, {@code unavailable} (the backend cannot
 * be reached; calls fail fast and the store recovers by itself), {@code internal}.
 *
 * <p>Writes are compare-and-set against the record's version, enforced by the backend's own atomic
 * primitive, never by reading, comparing and writing in separate steps. Alias uniqueness per owner
 * is enforced in the same atomic step as the write. A store may also offer a change feed ({@link
 * ChangeFeed}); that is optional.
 *
 * <p>A write that fails {@code unavailable} may or may not have been applied: the backend can have
 * committed it and then lost the connection before answering. A caller that tries again reads the
 * record first (its version tells whether the write landed) or repeats only an idempotent write;
 * {@link dev.files.error.Retry} says which failures are worth another attempt.
 *
 * <p>History: every create and update also appends a {@link HistoryEntry} to the record's history,
 * in the same atomic step (no change without its entry, no entry without its change), and drops the
 * entries the write's {@link dev.files.store.history.HistoryRetention} no longer keeps; a delete
 * removes the history with the record. The methods without a {@link WriteContext} record the write
 * as done by {@code unknown}.
 */
public interface FileStore {

  /**
   * Stores a new record at version 1 (the given version is ignored). Fails with {@code conflict}
   * when the uploadId exists, {@code alias-taken} when the owner has another record with the alias.
   *
   * @return the stored record
   */
  Future<FileRecord> create(FileRecord record);

  /** The record; fails with {@code not-found}. Soft-deleted records are returned too. */
  Future<FileRecord> get(String uploadId);

  /** The owner's record with this alias; fails with {@code not-found}. */
  Future<FileRecord> getByAlias(String owner, String alias);

  /**
   * Replaces the record if it is still at {@code expectedVersion}; the stored copy gets version
   * {@code expectedVersion + 1}. uploadId and owner never change. Fails with {@code not-found},
   * {@code version-conflict}, or {@code alias-taken} (another record of the owner has the alias).
   *
   * @return the stored record
   */
  Future<FileRecord> update(FileRecord record, long expectedVersion);

  /**
   * Removes the record, its alias and its index entries if it is still at {@code expectedVersion}.
   * Fails with {@code not-found} or {@code version-conflict}.
   */
  Future<Void> delete(String uploadId, long expectedVersion);

  /** One page of records matching the query, with the total count. */
  Future<Page> list(ListQuery query);

  /** Counts and sums over the listed records of {@code owner} (null: every owner). */
  Future<Report> report(String owner);

  /**
   * {@link #create(FileRecord)} with its history entry described by {@code context}. The default
   * fails: a store (or a wrapper around one) that does not write history must not write at all.
   */
  default Future<FileRecord> create(FileRecord record, WriteContext context) {
    return Future.failedFuture(noHistory());
  }

  /**
   * Replaces {@code before} with {@code after} if the record is still at {@code before.version()}
   * (compare-and-set, like {@link #update(FileRecord, long)}), and appends the entry {@link
   * HistoryEntry#of} describes in the same atomic step. {@code before} must be the record as read
   * at that version. The default fails, like {@link #create(FileRecord, WriteContext)}'s.
   */
  default Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return Future.failedFuture(noHistory());
  }

  /**
   * The record's history entries with {@code versionAfter > afterVersion}, oldest first, at most
   * {@code limit}. Fails with {@code not-found} when the record does not exist (a deleted record's
   * history is gone with it). Soft-deleted records have theirs.
   */
  default Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return Future.failedFuture(noHistory());
  }

  private FileError noHistory() {
    return new FileError(
        ErrorCode.INTERNAL, getClass().getSimpleName() + " does not keep a record history");
  }

  /** What this backend does fast. */
  Set<Capability> capabilities();

  /** Succeeds when the backend answers; for /health. */
  Future<Void> ping();

  /** Releases connections and files. */
  Future<Void> close();
}
