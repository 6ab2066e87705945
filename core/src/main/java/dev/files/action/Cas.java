package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import java.util.function.UnaryOperator;

/**
 * Compare-and-set transitions with bounded retries. The change is a pure function of the record as
 * read; on {@code version-conflict} the record is read again and the function applied again, so
 * every decision is made on the version that the store then accepts or refuses. The function may
 * throw a {@link FileError} to stop (e.g. the state no longer allows the step) or return the same
 * instance to write nothing.
 *
 * <p>Only a stale write ({@link Retry#isStale}) is tried again here. A transient failure is handed
 * back: the write may have been applied, and the caller that owns the work (the processing worker,
 * files.sync, a client) decides when to read the record and try again.
 */
final class Cas {
  private Cas() {}

  /** The record before the change that was written (or found unnecessary), and after it. */
  record Changed(FileRecord before, FileRecord after) {
    boolean wrote() {
      return before != after;
    }
  }

  static Future<Changed> change(
      FileStore store,
      WriteContext context,
      String uploadId,
      int attempts,
      UnaryOperator<FileRecord> step) {
    return store.get(uploadId).compose(r -> change(store, context, r, attempts, step));
  }

  /** Starts from a record already read; later attempts read it again. */
  static Future<Changed> change(
      FileStore store,
      WriteContext context,
      FileRecord current,
      int attempts,
      UnaryOperator<FileRecord> step) {
    FileRecord next;
    try {
      next = step.apply(current);
    } catch (RuntimeException e) {
      return Future.failedFuture(FileError.of(e));
    }
    if (next == null || next == current) {
      return Future.succeededFuture(new Changed(current, current));
    }
    return store
        .update(current, next, context)
        .map(stored -> new Changed(current, stored))
        .recover(
            err -> {
              if (attempts > 1 && Retry.isStale(err)) {
                return change(store, context, current.uploadId(), attempts - 1, step);
              }
              return Future.failedFuture(err);
            });
  }

  static boolean isNotFound(Throwable err) {
    return err instanceof FileError fe && fe.code() == ErrorCode.NOT_FOUND;
  }
}
