package dev.files.action;

import dev.files.error.FailureLog;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Removing a record and its objects so that no object is ever forgotten, with no store method
 * beyond compare-and-set: objects go first, the record last. While any object delete fails, the
 * record stays and files.sync tries again. A hard files.remove first marks the record {@code
 * deletedAt = 0} ({@link #PURGE_NOW}: "deleted at the epoch", i.e. past any retention, and never
 * restorable) and frees its alias in the same write, so it vanishes for users at once; then it is
 * purged like a soft-deleted record past retention. files.sync expires records the same way, so a
 * files.finish racing with the expiry finds a removed record instead of a half-deleted one.
 */
final class Removal {
  private final FailureLog failures = new FailureLog(Removal.class);

  /** The deletedAt of a hard-removed record waiting for its objects to go. */
  static final long PURGE_NOW = 0L;

  private final ActionContext ctx;

  Removal(ActionContext ctx) {
    this.ctx = ctx;
  }

  /** Whether a soft-deleted record is past retention (always true for a hard-removed one). */
  boolean pastRetention(FileRecord r) {
    return r.deletedAt() != null
        && (r.deletedAt() <= PURGE_NOW
            || r.deletedAt() + ctx.options().retention().toMillis() <= ctx.now());
  }

  /** The record marked for purging: hidden, never restorable, its alias free. */
  static FileRecord marked(FileRecord r, long now) {
    return r.toBuilder().deletedAt(PURGE_NOW).alias(null).updatedAt(now).build();
  }

  /**
   * Marks the record as read (one compare-and-set: a record that changed since is left for the next
   * run) and purges it. True when this call removed the record (see {@link #purge}).
   */
  Future<Boolean> expire(FileRecord r, WriteContext w) {
    return ctx.primary()
        .update(r, marked(r, ctx.now()), w)
        .compose(m -> purge(m, w.action()))
        .recover(
            err -> {
              failures.failed(w.action(), about(r, "expiry left for the next run"), err);
              return Future.succeededFuture(false);
            });
  }

  /**
   * Deletes the objects, then the record at its version. True when this call removed the record;
   * false when another caller removed it first (files.sync of another instance: it counts the
   * removal, so that runs overlapping on a shared store count each record once), or when something
   * failed and the record stays for a later attempt, logged through a {@link FailureLog} so that a
   * storage outage during a files.sync run logs a few lines, not one per record.
   */
  Future<Boolean> purge(FileRecord r, String action) {
    return deleteObjects(r)
        .compose(v -> ctx.primary().delete(r.uploadId(), r.version()))
        .map(true)
        .onSuccess(gone -> failures.succeeded(action))
        .recover(
            err -> {
              if (Cas.isNotFound(err)) {
                return Future.succeededFuture(false);
              }
              failures.failed(action, about(r, "purge left for files.sync"), err);
              return Future.succeededFuture(false);
            });
  }

  private static String about(FileRecord r, String outcome) {
    return "uploadId=" + r.uploadId() + " owner=" + r.owner() + " (" + outcome + ")";
  }

  private Future<Void> deleteObjects(FileRecord r) {
    List<Future<Void>> deletes = new ArrayList<>();
    for (Part p : r.parts()) {
      deletes.add(ctx.blobs().delete(p.bucket(), p.filename(), null));
    }
    return Future.join(deletes).mapEmpty();
  }
}
