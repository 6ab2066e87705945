package dev.files.action;

import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files.sync, the reconciler: drives every record a lost event or a crash left behind. Each
 * category is one filtered scan of the primary store (all records, keyset pages ordered by
 * startedAt, at most {@link ActionOptions#syncMaxPerRun()} per category and run), and each step is
 * the same idempotent transition the other actions use, so several instances may run at once.
 *
 * <ul>
 *   <li>pending within the upload TTL: parts whose object is in storage are finished;
 *   <li>pending past the TTL, temp past the TTL, and failed uploads that never completed past the
 *       TTL: expired with their objects;
 *   <li>{@code uploaded} longer than stuckAfter, {@code processing} with an expired lease: handed
 *       to the process scheduler again;
 *   <li>soft-deleted past retention and hard-removed ones whose object deletes failed: purged.
 * </ul>
 */
final class SyncAction extends BaseAction {
  private static final Logger LOG = LoggerFactory.getLogger(SyncAction.class);
  private static final Set<String> KEYS = Set.of("username");
  private final FinishAction finish;
  private final Removal removal;

  SyncAction(ActionContext ctx, FinishAction finish, Removal removal) {
    super(ctx, "files.sync");
    this.finish = finish;
    this.removal = removal;
  }

  /** Counts of one run. */
  private static final class Counts {
    long scanned;
    long finished;
    long expired;
    long reprocessed;
    long purged;

    JsonObject toJson() {
      return new JsonObject()
          .put("scanned", scanned)
          .put("finished", finished)
          .put("expired", expired)
          .put("reprocessed", reprocessed)
          .put("purged", purged);
    }
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params.of(request, KEYS);
    Access.requireAdmin(caller);
    long now = ctx.now();
    long ttlCutoff = now - ctx.options().uploadTtl().toMillis();
    Counts c = new Counts();
    WriteContext w = writing(caller);
    Filter live = Filter.of("deletedAt", Op.EXISTS, false);
    Filter started = Filter.of("startedAt", Op.LT, ttlCutoff);
    List<Category> categories =
        List.of(
            new Category(
                Filter.all(status(Status.PENDING), live), r -> pending(w, r, ttlCutoff, c)),
            new Category(Filter.all(Filter.eq("temp", true), started), r -> expire(w, r, c)),
            new Category(
                Filter.all(
                    status(Status.FAILED), Filter.of("uploadedAt", Op.EXISTS, false), started),
                r -> expire(w, r, c)),
            new Category(
                Filter.all(
                    status(Status.UPLOADED),
                    Filter.of("uploadedAt", Op.LT, now - ctx.options().stuckAfter().toMillis()),
                    live),
                r -> reprocess(r, c)),
            new Category(
                Filter.all(status(Status.PROCESSING), Filter.of("leaseUntil", Op.LT, now), live),
                r -> reprocess(r, c)),
            new Category(
                Filter.of("deletedAt", Op.LTE, now - ctx.options().retention().toMillis()),
                r -> purge(r, c)));
    Future<Void> chain = Future.succeededFuture();
    for (Category category : categories) {
      chain = chain.compose(v -> scan(category, c));
    }
    return chain.map(v -> c.toJson()).onSuccess(j -> LOG.info("action=files.sync " + j.encode()));
  }

  /** Records to look at, and what to do with each. */
  private record Category(Filter filter, Function<FileRecord, Future<Void>> step) {}

  private static Filter status(Status status) {
    return Filter.eq("status", status.wire());
  }

  /** Scans the records matching the filter in keyset pages, one record at a time. */
  private Future<Void> scan(Category category, Counts c) {
    ListQuery first =
        new ListQuery(
            Scope.ALL,
            null,
            false,
            List.of(),
            category.filter(),
            Sort.asc("startedAt"),
            0,
            ctx.options().syncPageSize(),
            null,
            false); // pages are followed by cursor; a total would recount the matches every page
    return page(first, c, category.step(), 0);
  }

  private Future<Void> page(
      ListQuery q, Counts c, Function<FileRecord, Future<Void>> step, long seen) {
    return ctx.primary()
        .list(q)
        .compose(
            page -> {
              Future<Void> chain = Future.succeededFuture();
              for (FileRecord r : page.items()) {
                chain = chain.compose(v -> step.apply(r));
              }
              long seenNow = seen + page.items().size();
              c.scanned += page.items().size();
              return chain.compose(
                  v ->
                      page.next() == null || seenNow >= ctx.options().syncMaxPerRun()
                          ? Future.succeededFuture()
                          : page(q.withCursor(page.next()), c, step, seenNow));
            });
  }

  private Future<Void> pending(WriteContext w, FileRecord r, long ttlCutoff, Counts c) {
    if (r.startedAt() == null || r.startedAt() < ttlCutoff) {
      return expire(w, r, c);
    }
    Future<Void> chain = Future.succeededFuture();
    for (Part part : r.parts()) {
      if (!part.uploaded()) {
        chain = chain.compose(v -> finishPart(w, r, part, c));
      }
    }
    return chain;
  }

  /** Finishes a part whose object is in storage; absent or wrong objects are left as they are. */
  private Future<Void> finishPart(WriteContext w, FileRecord r, Part part, Counts c) {
    return finish
        .finish(w, part.bucket(), part.filename())
        .map(
            reply -> {
              if (!reply.getBoolean("alreadyFinished")) {
                c.finished++;
              }
              return (Void) null;
            })
        .recover(
            err -> {
              LOG.debug(ActionLog.line(name(), r, "part not finished: " + err.getMessage()));
              return Future.succeededFuture();
            });
  }

  private Future<Void> expire(WriteContext w, FileRecord r, Counts c) {
    return removal
        .expire(r, w)
        .map(
            gone -> {
              if (gone) {
                c.expired++;
                LOG.info(ActionLog.line(name(), r, "expired"));
              }
              return (Void) null;
            });
  }

  private Future<Void> reprocess(FileRecord r, Counts c) {
    ctx.scheduler().schedule(r.uploadId());
    c.reprocessed++;
    return Future.succeededFuture();
  }

  private Future<Void> purge(FileRecord r, Counts c) {
    return removal
        .purge(r, name())
        .map(
            gone -> {
              if (gone) {
                c.purged++;
              }
              return (Void) null;
            });
  }
}
