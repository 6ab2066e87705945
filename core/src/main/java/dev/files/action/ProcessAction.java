package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files.process: claims the record with a lease (compare-and-set to {@code processing}), verifies
 * and inspects every object, runs the postAction and ends {@code processed}; any failure ends
 * {@code failed} with the reason and one more error count, except a transient failure (storage or
 * store unavailable), which puts the record back to {@code uploaded} for files.sync to retry
 * without counting. Every write after the claim checks the claim still holds (same lease), so a
 * worker whose lease expired and was taken over changes nothing.
 */
final class ProcessAction extends BaseAction {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessAction.class);
  private static final Set<String> KEYS = Set.of("uploadId", "username");

  ProcessAction(ActionContext ctx) {
    super(ctx, "files.process");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    String user = Access.requireUser(caller, request);
    WriteContext w = writing(caller);
    return ctx.primary()
        .get(uploadId)
        .map(r -> Access.owned(caller, user, r))
        .compose(r -> claim(w, r))
        .compose(r -> process(w, r))
        .map(Views::file);
  }

  private Future<FileRecord> claim(WriteContext w, FileRecord r) {
    long now = ctx.now();
    long lease = now + ctx.options().processingLease().toMillis();
    return Cas.change(
            ctx.primary(), w, r, ctx.options().casAttempts(), cur -> claimed(cur, now, lease))
        .map(Cas.Changed::after);
  }

  private FileRecord claimed(FileRecord cur, long now, long lease) {
    boolean leased = cur.leaseUntil() != null && cur.leaseUntil() > now;
    if (cur.status() == Status.PROCESSING && leased) {
      throw new FileError(ErrorCode.BUSY, "file " + cur.uploadId() + " is being processed");
    }
    if (cur.status() != Status.UPLOADED
        && cur.status() != Status.FAILED
        && cur.status() != Status.PROCESSING) {
      throw new FileError(
          ErrorCode.NOT_READY, "file " + cur.uploadId() + " is " + cur.status().wire());
    }
    if (cur.errorCount() >= ctx.options().maxTries()) {
      throw new FileError(
          ErrorCode.INVALID_CONTENT,
          "file "
              + cur.uploadId()
              + " failed processing "
              + cur.errorCount()
              + " times: "
              + cur.error());
    }
    return cur.toBuilder().status(Status.PROCESSING).leaseUntil(lease).updatedAt(now).build();
  }

  private Future<FileRecord> process(WriteContext w, FileRecord claimed) {
    Future<List<Part>> inspected = Future.succeededFuture(new ArrayList<>());
    for (Part part : claimed.parts()) {
      inspected =
          inspected.compose(
              done ->
                  inspect(part)
                      .map(
                          p -> {
                            done.add(p);
                            return done;
                          }));
    }
    inspected = inspected.compose(parts -> acls(parts, claimed.isPublic()).map(parts));
    return inspected
        .compose(parts -> finish(w, claimed, parts))
        .recover(err -> fail(w, claimed, FileError.of(err)));
  }

  /** Verifies one object against its declaration and records what its bytes are. */
  private Future<Part> inspect(Part part) {
    return ctx.blobs()
        .stat(part.bucket(), part.filename())
        .recover(
            err ->
                Future.failedFuture(
                    Cas.isNotFound(err)
                        ? ObjectNames.invalidContent("part " + part.type() + ": object is missing")
                        : err))
        .compose(
            stat -> {
              String mismatch = ObjectNames.mismatch(part, stat);
              if (mismatch != null) {
                return Future.failedFuture(ObjectNames.invalidContent(mismatch));
              }
              int length = (int) Math.min(ctx.options().headBytes(), stat.size());
              return ctx.blobs().read(part.bucket(), part.filename(), 0, length);
            })
        .compose(head -> ctx.inspector().inspect(head, part.contentType(), part.filename()))
        .compose(
            found -> {
              if (ctx.inspector().contradicts(part.contentType(), found.contentType())) {
                return Future.failedFuture(
                    ObjectNames.invalidContent(
                        "part "
                            + part.type()
                            + ": declared "
                            + part.contentType()
                            + " but the bytes are "
                            + found.contentType()));
              }
              return Future.succeededFuture(
                  part.toBuilder()
                      .detectedContentType(found.contentType())
                      .width(found.width())
                      .height(found.height())
                      .build());
            });
  }

  /** The objects' ACLs follow the record, also for parts that arrived after files.access. */
  private Future<Void> acls(List<Part> parts, boolean isPublic) {
    List<Future<Void>> all = new ArrayList<>();
    for (Part p : parts) {
      all.add(ctx.blobs().setPublic(p.bucket(), p.filename(), isPublic));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<FileRecord> finish(WriteContext w, FileRecord claimed, List<Part> parts) {
    long now = ctx.now();
    return Cas.change(
            ctx.primary(),
            w,
            claimed,
            ctx.options().casAttempts(),
            cur -> {
              requireClaim(cur, claimed);
              JsonObject update =
                  cur.postAction() == null ? null : cur.postAction().getJsonObject("update");
              FileRecord.Builder b =
                  update == null
                      ? cur.toBuilder()
                      : Meta.apply(update, "postAction.update", true, cur);
              return b.parts(parts)
                  .status(Status.PROCESSED)
                  .processedAt(now)
                  .leaseUntil(null)
                  .error(null)
                  .updatedAt(now)
                  .build();
            })
        .map(Cas.Changed::after)
        .onSuccess(r -> LOG.info(ActionLog.line(name(), r, "processed")));
  }

  /**
   * Records the failure unless the claim was lost: a transient failure ({@link Retry#isTransient})
   * puts the record back to {@code uploaded} (retried by the worker and files.sync, not counted);
   * anything else fails it. The failure itself is logged by whoever called files.process.
   */
  private Future<FileRecord> fail(WriteContext w, FileRecord claimed, FileError error) {
    if (error.code() == ErrorCode.BUSY) {
      return Future.failedFuture(error);
    }
    boolean transientError = Retry.isTransient(error);
    long now = ctx.now();
    return Cas.change(
            ctx.primary(),
            w,
            claimed,
            ctx.options().casAttempts(),
            cur -> {
              requireClaim(cur, claimed);
              FileRecord.Builder b =
                  cur.toBuilder().leaseUntil(null).error(error.getMessage()).updatedAt(now);
              if (transientError) {
                return b.status(Status.UPLOADED).build();
              }
              return b.status(Status.FAILED).errorCount(cur.errorCount() + 1).build();
            })
        .transform(
            written -> {
              if (written.failed()) {
                LOG.warn(
                    ActionLog.line(
                        name(),
                        claimed,
                        "could not record the failure: " + written.cause().getMessage()));
              }
              return Future.failedFuture(error);
            });
  }

  private static void requireClaim(FileRecord cur, FileRecord claimed) {
    if (cur.status() != Status.PROCESSING
        || !Objects.equals(cur.leaseUntil(), claimed.leaseUntil())) {
      throw new FileError(
          ErrorCode.BUSY, "file " + cur.uploadId() + " was claimed by another worker");
    }
  }
}
