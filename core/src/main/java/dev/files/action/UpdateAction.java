package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * files.update: the owner changes meta and directOnly of a processed file. With {@code version} the
 * write is one compare-and-set at that version (stale: 409 version-conflict, nothing changes);
 * without it, the change is applied to whatever version is current. A request that changes nothing
 * writes nothing.
 */
final class UpdateAction extends BaseAction {
  private static final Set<String> KEYS =
      Set.of("uploadId", "username", "meta", "directOnly", "version");

  UpdateAction(ActionContext ctx) {
    super(ctx, "files.update");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    JsonObject meta = p.object("meta");
    if (meta != null) {
      Meta.validate(meta, "meta", true);
    }
    Boolean directOnly = p.optionalBool("directOnly");
    Long version = p.optionalLong("version", 0, Long.MAX_VALUE);
    String user = Access.requireUser(caller, request);
    long now = ctx.now();
    return edit(
            caller,
            user,
            uploadId,
            cur -> {
              if (version != null && cur.version() != version) {
                throw FileError.versionConflict(uploadId, version);
              }
              return updated(cur, meta, directOnly, now);
            })
        .map(Views::file);
  }

  private static FileRecord updated(FileRecord cur, JsonObject meta, Boolean directOnly, long now) {
    if (cur.status() != Status.PROCESSED) {
      throw new FileError(
          ErrorCode.NOT_READY, "file " + cur.uploadId() + " is " + cur.status().wire());
    }
    FileRecord.Builder b = meta == null ? cur.toBuilder() : Meta.apply(meta, "meta", true, cur);
    if (directOnly != null) {
      b.directOnly(directOnly);
    }
    FileRecord next = b.build();
    return next.equals(cur) ? cur : next.toBuilder().updatedAt(now).build();
  }
}
