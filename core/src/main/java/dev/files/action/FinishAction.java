package dev.files.action;

import dev.files.blob.ObjectStat;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files.finish: one stored object is complete. Storage, not the request, is the truth: the object
 * is stat'ed and compared with the part's declaration; the request's size, MD5 and generation are
 * hints only. The part is marked by compare-and-set, so repeats and concurrent finishes of the
 * other parts, in any order, count each part once; the call that marks the last part moves the
 * record to {@code uploaded} and schedules processing.
 */
final class FinishAction extends BaseAction {
  private static final Logger LOG = LoggerFactory.getLogger(FinishAction.class);
  private static final Set<String> KEYS =
      Set.of("filename", "bucket", "generation", "contentLength", "md5Hash", "username");

  FinishAction(ActionContext ctx) {
    super(ctx, "files.finish");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String filename = p.requiredString("filename", 1, 1024);
    String bucket = p.string("bucket", 1, 255);
    p.optionalLong("generation", 0, Long.MAX_VALUE);
    p.optionalLong("contentLength", 0, Long.MAX_VALUE);
    p.string("md5Hash", 1, 64);
    return finish(writing(caller), bucket, filename);
  }

  /** Finishes one object; files.sync calls this for pending parts whose object exists. */
  Future<JsonObject> finish(WriteContext w, String bucket, String filename) {
    String uploadId = ObjectNames.uploadIdOf(filename);
    if (uploadId == null) {
      return Future.failedFuture(FileError.notFound("unknown object " + filename));
    }
    return ctx.primary()
        .get(uploadId)
        .recover(
            err ->
                Future.failedFuture(
                    Cas.isNotFound(err) ? FileError.notFound("unknown object " + filename) : err))
        .compose(r -> check(w, r, bucket, filename));
  }

  private Future<JsonObject> check(WriteContext w, FileRecord r, String bucket, String filename) {
    Part part = PartList.find(r, filename);
    if (r.deletedAt() != null || (bucket != null && !bucket.equals(part.bucket()))) {
      throw FileError.notFound("unknown object " + filename);
    }
    if (part.uploaded()) {
      return Future.succeededFuture(reply(r, true));
    }
    return ctx.blobs()
        .stat(part.bucket(), filename)
        .recover(
            err ->
                Future.failedFuture(
                    Cas.isNotFound(err)
                        ? FileError.notFound("object " + filename + " is not in storage")
                        : err))
        .compose(
            stat -> {
              String mismatch = ObjectNames.mismatch(part, stat);
              return mismatch == null
                  ? mark(w, r, filename, stat)
                  : reject(w, r, filename, mismatch);
            });
  }

  private Future<JsonObject> mark(WriteContext w, FileRecord r, String filename, ObjectStat stat) {
    long now = ctx.now();
    return Cas.change(
            ctx.primary(),
            w,
            r,
            ctx.options().casAttempts(),
            cur -> marked(cur, filename, stat, now))
        .map(
            changed -> {
              FileRecord after = changed.after();
              boolean completed =
                  changed.wrote()
                      && after.status() == Status.UPLOADED
                      && changed.before().status() != Status.UPLOADED;
              if (completed) {
                LOG.info(ActionLog.line(name(), after, "uploaded; scheduling processing"));
                ctx.scheduler().schedule(after.uploadId());
              }
              return reply(after, !changed.wrote());
            });
  }

  private static FileRecord marked(FileRecord cur, String filename, ObjectStat stat, long now) {
    if (PartList.find(cur, filename).uploaded()) {
      return cur;
    }
    List<Part> parts =
        PartList.replace(
            cur,
            filename,
            p ->
                p.toBuilder()
                    .uploaded(true)
                    .generation(stat.generation())
                    .location(null)
                    .headers(null)
                    .error(null)
                    .build());
    int uploaded = PartList.uploadedCount(parts);
    FileRecord.Builder b = cur.toBuilder().parts(parts).uploadedParts(uploaded).updatedAt(now);
    boolean neverCompleted =
        cur.status() == Status.PENDING
            || (cur.status() == Status.FAILED && cur.uploadedAt() == null);
    if (uploaded == cur.partCount() && neverCompleted) {
      b.status(Status.UPLOADED).uploadedAt(now).error(null);
    }
    return b.build();
  }

  /** Records why the object is wrong on the part and the record, then answers 422. */
  private Future<JsonObject> reject(WriteContext w, FileRecord r, String filename, String reason) {
    long now = ctx.now();
    LOG.warn(ActionLog.line(name(), r, "rejected: " + reason));
    return Cas.change(
            ctx.primary(),
            w,
            r,
            ctx.options().casAttempts(),
            cur -> {
              if (PartList.find(cur, filename).uploaded()) {
                return cur;
              }
              return cur.toBuilder()
                  .parts(PartList.replace(cur, filename, p -> p.toBuilder().error(reason).build()))
                  .status(Status.FAILED)
                  .error(reason)
                  .updatedAt(now)
                  .build();
            })
        .compose(changed -> Future.failedFuture(ObjectNames.invalidContent(reason)));
  }

  private static JsonObject reply(FileRecord r, boolean alreadyFinished) {
    return new JsonObject()
        .put("uploadId", r.uploadId())
        .put("status", r.status().wire())
        .put("uploaded", r.uploadedParts())
        .put("parts", r.partCount())
        .put("finished", r.uploadedParts() == r.partCount())
        .put("alreadyFinished", alreadyFinished);
  }
}
