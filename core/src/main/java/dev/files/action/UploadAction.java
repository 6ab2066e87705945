package dev.files.action;

import dev.files.blob.UploadRequest;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files.upload: validates the declaration, creates the pending record (so every URL handed out
 * belongs to a record that exists), then signs one upload per part and stores where each goes.
 */
final class UploadAction extends BaseAction {
  private static final Logger LOG = LoggerFactory.getLogger(UploadAction.class);
  static final Pattern LABEL = Pattern.compile("^[a-z0-9-]{1,32}$");
  private static final int MAX_PARTS = 64;
  private static final int MAX_SOURCE = 200;
  private static final Set<String> KEYS =
      Set.of(
          "username",
          "files",
          "meta",
          "access",
          "resumable",
          "expires",
          "temp",
          "unlisted",
          "directOnly",
          "uploadType",
          "origin",
          "postAction");
  private static final Set<String> PART_KEYS =
      Set.of("type", "contentType", "contentLength", "md5Hash", "originalName");

  UploadAction(ActionContext ctx) {
    super(ctx, "files.upload");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String owner = Access.user(caller, request);
    if (owner == null) {
      throw new FileError(ErrorCode.UNAUTHENTICATED, "a username is required");
    }
    FileRecord pending = declare(p, owner, caller);
    WriteContext w = writing(caller);
    boolean resumable = p.bool("resumable", true);
    long expires =
        p.longValue("expires", 1, ctx.options().maxUrlExpires(), ctx.options().defaultUrlExpires());
    return ctx.primary()
        .create(pending, w)
        .compose(created -> sign(w, created, resumable, expires))
        .map(Views::file)
        .onSuccess(r -> LOG.info(ActionLog.line(name(), pending, "parts=" + pending.partCount())));
  }

  private FileRecord declare(Params p, String owner, Caller caller) {
    String uploadId = UUID.randomUUID().toString();
    JsonObject meta = p.object("meta");
    if (meta == null || !meta.containsKey("name")) {
      throw FileError.validation("meta.name is required", "meta.name");
    }
    meta = meta.copy();
    String source = source(meta.remove("source"));
    FileRecord.Builder b =
        Meta.apply(
            meta,
            "meta",
            false,
            FileRecord.builder().uploadId(uploadId).owner(owner).status(Status.PENDING).build());
    b.provenance(provenance(caller, source));
    JsonObject access = p.object("access");
    if (access != null) {
      b.isPublic(Params.nested(access, "access", Set.of("setPublic")).bool("setPublic", false));
    }
    String uploadType = p.string("uploadType", 1, 32);
    if (uploadType != null && !LABEL.matcher(uploadType).matches()) {
      throw p.invalid("uploadType", "must match ^[a-z0-9-]{1,32}$");
    }
    List<Part> parts = parts(p, owner, uploadId);
    long now = ctx.now();
    return b.status(Status.PENDING)
        .uploadType(uploadType)
        .temp(p.bool("temp", false))
        .unlisted(p.bool("unlisted", false))
        .directOnly(p.bool("directOnly", false))
        .origin(origin(p))
        .postAction(postAction(p))
        .parts(parts)
        .partCount(parts.size())
        .uploadedParts(0)
        .contentLength(parts.stream().mapToLong(Part::contentLength).sum())
        .startedAt(now)
        .updatedAt(now)
        .build();
  }

  private List<Part> parts(Params p, String owner, String uploadId) {
    JsonArray files = p.array("files");
    if (files == null || files.isEmpty() || files.size() > MAX_PARTS) {
      throw p.invalid("files", "must hold 1.." + MAX_PARTS + " parts");
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (!(files.getValue(i) instanceof JsonObject f)) {
        throw p.invalid("files", "must hold objects");
      }
      parts.add(part(Params.nested(f, "files[" + i + "]", PART_KEYS), owner, uploadId));
    }
    return parts;
  }

  private Part part(Params f, String owner, String uploadId) {
    String type = f.requiredString("type", 1, 32);
    if (!LABEL.matcher(type).matches()) {
      throw f.invalid("type", "must match ^[a-z0-9-]{1,32}$");
    }
    String contentType = f.requiredString("contentType", 3, 255);
    if (!ContentTypes.isValid(contentType)) {
      throw f.invalid("contentType", "is not a content type");
    }
    if (!ctx.options().allows(contentType)) {
      throw FileError.validation(
          "content type " + contentType + " is not allowed", f.path("contentType"));
    }
    long length = f.requiredLong("contentLength", 1, Long.MAX_VALUE);
    if (length > ctx.options().maxSize()) {
      throw new FileError(
          ErrorCode.TOO_LARGE,
          "part " + type + " is larger than " + ctx.options().maxSize() + " bytes",
          List.of(f.path("contentLength")),
          null);
    }
    String md5 = f.requiredString("md5Hash", 32, 32);
    if (!ObjectNames.isHexMd5(md5)) {
      throw f.invalid("md5Hash", "must be 32 hex digits");
    }
    String originalName = f.string("originalName", 1, 255);
    return Part.builder()
        .type(type)
        .contentType(contentType)
        .contentLength(length)
        .md5Hash(ObjectNames.hexToBase64(md5))
        .originalName(originalName)
        .filename(ObjectNames.objectName(owner, uploadId, originalName, contentType))
        .bucket(ctx.bucket())
        .build();
  }

  /**
   * Where the upload came from, kept on the record: the request's origin, who sent it (when an
   * admin or a part of the service acted for the owner) and the caller's own {@code meta.source}.
   */
  private static JsonObject provenance(Caller caller, String source) {
    JsonObject j = caller.origin().toJson();
    j.put("actor", caller.historyActor());
    if (source != null) {
      j.put("source", source);
    }
    return j;
  }

  private static String source(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_SOURCE) {
      throw FileError.validation(
          "meta.source must be a non-blank string of 1.." + MAX_SOURCE, "meta.source");
    }
    return s;
  }

  private static String origin(Params p) {
    String origin = p.string("origin", 1, 2048);
    if (origin != null && !origin.startsWith("http://") && !origin.startsWith("https://")) {
      throw p.invalid("origin", "must be an http(s) origin");
    }
    return origin;
  }

  private static JsonObject postAction(Params p) {
    JsonObject postAction = p.object("postAction");
    if (postAction == null) {
      return null;
    }
    Params.nested(postAction, "postAction", Set.of("update")).object("update");
    JsonObject meta = PostAction.meta(postAction);
    if (meta != null) {
      Meta.validate(meta, PostAction.PATH, true);
    }
    return postAction.copy();
  }

  /** Signs every part, then stores the locations; on failure the record goes again. */
  private Future<FileRecord> sign(
      WriteContext w, FileRecord created, boolean resumable, long expires) {
    List<Future<Part>> signed = new ArrayList<>();
    for (Part part : created.parts()) {
      UploadRequest req =
          new UploadRequest(
              part.bucket(),
              part.filename(),
              part.contentType(),
              part.contentLength(),
              part.md5Hash(),
              resumable,
              expires,
              created.origin(),
              created.isPublic());
      signed.add(
          ctx.blobs()
              .signUpload(req)
              .map(t -> part.toBuilder().location(t.location()).headers(t.headers()).build()));
    }
    return Future.all(signed)
        .compose(
            all -> {
              List<Part> parts = new ArrayList<>();
              for (int i = 0; i < signed.size(); i++) {
                parts.add(all.resultAt(i));
              }
              return ctx.primary().update(created, created.toBuilder().parts(parts).build(), w);
            })
        .recover(err -> withdraw(created, err));
  }

  /**
   * Removes the record whose upload could not be signed or stored. After a transient failure the
   * store is likely to fail the delete the same way, so the caller gets its answer at once instead
   * of after a second timeout; a record the delete leaves behind stays pending and files.sync
   * expires it after the upload TTL.
   */
  private Future<FileRecord> withdraw(FileRecord created, Throwable err) {
    Future<Void> delete =
        ctx.primary()
            .delete(created.uploadId(), created.version())
            .onFailure(
                e ->
                    LOG.warn(
                        ActionLog.line(
                            "upload", created, "left pending for files.sync to expire: " + e)));
    if (Retry.isTransient(err)) {
      return Future.failedFuture(err);
    }
    return delete.transform(ignored -> Future.failedFuture(err));
  }
}
