package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * files.download: URLs for a processed file's parts. A public file gets unsigned direct URLs (no
 * identity needed) unless {@code rename} asks for a save-as name, which only a signed URL can
 * carry; a private file gets signed, expiring URLs for its owner (or an admin).
 */
final class DownloadAction extends BaseAction {
  private static final Set<String> KEYS =
      Set.of("uploadId", "username", "types", "rename", "expires");

  DownloadAction(ActionContext ctx) {
    super(ctx, "files.download");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    Params p = Params.of(request, KEYS);
    String uploadId = p.requiredString("uploadId", 1, 64);
    List<String> types = p.strings("types");
    boolean rename = p.bool("rename", false);
    long expires =
        p.longValue(
            "expires",
            1,
            ctx.options().maxUrlExpires(),
            ctx.options().downloadExpires().toSeconds());
    String user = Access.user(caller, request);
    return ctx.primary()
        .get(uploadId)
        .map(r -> Access.readable(caller, user, r))
        .compose(
            r -> {
              if (r.status() != Status.PROCESSED) {
                throw new FileError(
                    ErrorCode.NOT_READY, "file " + uploadId + " is " + r.status().wire());
              }
              return urls(r, types, rename ? saveAsName(r) : null, expires);
            });
  }

  private Future<JsonObject> urls(FileRecord r, List<String> types, String saveAs, long expires) {
    List<Part> parts = new ArrayList<>();
    List<Future<String>> urls = new ArrayList<>();
    for (Part part : r.parts()) {
      if (types != null && !types.contains(part.type())) {
        continue;
      }
      parts.add(part);
      if (r.isPublic() && saveAs == null) {
        urls.add(Future.succeededFuture(ctx.blobs().directUrl(part.bucket(), part.filename())));
      } else {
        String name =
            saveAs == null ? null : saveAs + "." + ObjectNames.extensionOf(part.filename());
        urls.add(ctx.blobs().signDownload(part.bucket(), part.filename(), expires, name));
      }
    }
    return Future.all(urls)
        .map(
            all -> {
              JsonArray files = new JsonArray();
              parts.forEach(p -> files.add(p.toJson()));
              JsonArray links = new JsonArray();
              for (int i = 0; i < urls.size(); i++) {
                links.add(all.<String>resultAt(i));
              }
              return new JsonObject()
                  .put("uploadId", r.uploadId())
                  .put("name", r.name())
                  .put("files", files)
                  .put("urls", links);
            });
  }

  /** The file's name as a save-as name: no path separators, quotes or control characters. */
  private static String saveAsName(FileRecord r) {
    String clean = r.name().replaceAll("[\\p{Cntrl}/\\\\\"]", "_").trim();
    return clean.isEmpty() ? "file" : clean;
  }
}
