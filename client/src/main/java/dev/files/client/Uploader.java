package dev.files.client;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Objects;

/**
 * The whole upload a caller would otherwise do by hand: files.upload, then the bytes of each part
 * to the location it returned (one signed PUT, or a resumable session in chunks that resumes after
 * a dropped connection), then files.info until the file is {@code processed} or {@code failed}.
 *
 * <p>The request is files.upload's JSON; {@code parts} holds one stream per entry of its {@code
 * files}, in order, each with exactly the declared {@code contentLength} bytes (whose MD5 the
 * request declares). The future completes with the processed record ({@code files.info}'s {@code
 * file}); it fails with the API's error, or {@code invalid-content} with the record's {@code error}
 * when processing failed. files.upload is never retried: a failure before the reply leaves nothing
 * to resume, a failure after it names the {@code uploadId} in its message.
 *
 * <p>{@link dev.files.client.examples.ClientExamples#uploadAFile}
 */
public final class Uploader {
  private final Vertx vertx;
  private final FilesClient client;
  private final WebClient web;
  private final UploaderOptions options;

  private Uploader(Vertx vertx, FilesClient client, UploaderOptions options) {
    this.vertx = vertx;
    this.client = client;
    this.web = WebClient.create(vertx);
    this.options = options;
  }

  /** An uploader calling the service through {@code client}, default options. */
  public static Uploader create(Vertx vertx, FilesClient client) {
    return create(vertx, client, new UploaderOptions());
  }

  /** An uploader calling the service through {@code client}. */
  public static Uploader create(Vertx vertx, FilesClient client, UploaderOptions options) {
    return new Uploader(Objects.requireNonNull(vertx), Objects.requireNonNull(client), options);
  }

  /** Closes the uploader's connections to storage (not the client). */
  public Future<Void> close() {
    web.close();
    return Future.succeededFuture();
  }

  /** Uploads, without progress reports. */
  public Future<JsonObject> upload(JsonObject request, List<? extends ReadStream<Buffer>> parts) {
    return upload(request, parts, progress -> {});
  }

  /**
   * Uploads {@code parts} as files.upload {@code request} describes them, telling {@code progress}
   * (on a Vert.x context) as bytes are acknowledged and phases change.
   */
  public Future<JsonObject> upload(
      JsonObject request,
      List<? extends ReadStream<Buffer>> parts,
      Handler<UploadProgress> progress) {
    JsonArray declared = request.getJsonArray("files", new JsonArray());
    if (declared.size() != parts.size()) {
      return Future.failedFuture(
          FileError.validation(
              "files.upload declares " + declared.size() + " parts, " + parts.size() + " given"));
    }
    // Every step of one upload runs on one context, whatever thread the sources call back on.
    Context context = vertx.getOrCreateContext();
    return Future.<JsonObject>future(
        promise ->
            context.runOnContext(
                v ->
                    client
                        .upload(request)
                        .compose(
                            record -> new Run(context, request, record, parts, progress).start())
                        .onComplete(promise)));
  }

  /** One upload in progress. */
  private final class Run {
    private final Context context;
    private final JsonObject record;
    private final String uploadId;
    private final String username;
    private final boolean resumable;
    private final List<? extends ReadStream<Buffer>> sources;
    private final Handler<UploadProgress> progress;
    private final long[] sizes;
    private final long total;

    Run(
        Context context,
        JsonObject request,
        JsonObject record,
        List<? extends ReadStream<Buffer>> sources,
        Handler<UploadProgress> progress) {
      this.context = context;
      this.record = record;
      this.uploadId = record.getString("uploadId");
      this.username = request.getString("username");
      this.resumable = request.getBoolean("resumable", true);
      this.sources = sources;
      this.progress = progress;
      JsonArray files = request.getJsonArray("files");
      this.sizes = new long[files.size()];
      long sum = 0;
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = files.getJsonObject(i).getLong("contentLength");
        sum += sizes[i];
      }
      this.total = sum;
    }

    Future<JsonObject> start() {
      return sendPart(0, 0).compose(v -> awaitProcessed(0)).recover(this::naming);
    }

    private Future<Void> sendPart(int index, long before) {
      if (index == sizes.length) {
        return Future.succeededFuture();
      }
      JsonObject part = record.getJsonArray("files").getJsonObject(index);
      String location = part.getString("location");
      if (location == null) {
        return Future.failedFuture(
            new FileError(
                ErrorCode.INTERNAL, "files.upload returned no location for part " + index));
      }
      report(UploadProgress.Phase.SENDING, index, before);
      Future<Void> sent =
          resumable
              ? new ResumableUpload(
                      vertx,
                      web,
                      location,
                      sizes[index],
                      options,
                      stored -> report(UploadProgress.Phase.SENDING, index, before + stored),
                      () -> report(UploadProgress.Phase.RESUMING, index, before))
                  .run(new ChunkReader(sources.get(index), options.getChunkSize(), context))
              : singlePut(index, location, part.getJsonObject("headers", new JsonObject()), before);
      return sent.compose(v -> sendPart(index + 1, before + sizes[index]));
    }

    private Future<Void> singlePut(int index, String location, JsonObject headers, long before) {
      HttpRequest<Buffer> put =
          web.putAbs(location)
              .idleTimeout(options.getIdleTimeout().toMillis())
              .putHeader("Content-Length", Long.toString(sizes[index]));
      headers.forEach(h -> put.putHeader(h.getKey(), String.valueOf(h.getValue())));
      ReadStream<Buffer> counted =
          new CountingStream(
              sources.get(index),
              bytes ->
                  context.runOnContext(
                      v -> report(UploadProgress.Phase.SENDING, index, before + bytes)));
      return put.sendStream(counted)
          .recover(e -> Future.failedFuture(Failures.unreachable("the PUT of part " + index, e)))
          .compose(
              response ->
                  response.statusCode() == 200 || response.statusCode() == 201
                      ? Future.<Void>succeededFuture()
                      : Future.failedFuture(
                          Failures.fromReply(response.statusCode(), response.bodyAsString())));
    }

    private Future<JsonObject> awaitProcessed(int polls) {
      report(UploadProgress.Phase.WAITING, sizes.length - 1, total);
      long deadline = System.nanoTime() + options.getProcessingTimeout().toNanos();
      return poll(polls, deadline);
    }

    private Future<JsonObject> poll(int polls, long deadline) {
      return client
          .info(new JsonObject().put("username", username).put("uploadId", uploadId))
          .compose(
              reply -> {
                JsonObject file = reply.getJsonObject("file");
                String status = file.getString("status");
                if ("processed".equals(status)) {
                  report(UploadProgress.Phase.PROCESSED, sizes.length - 1, total);
                  return Future.succeededFuture(file);
                }
                if ("failed".equals(status)) {
                  return Future.failedFuture(
                      new FileError(
                          ErrorCode.INVALID_CONTENT,
                          "processing failed: " + file.getString("error")));
                }
                if (System.nanoTime() > deadline) {
                  return Future.failedFuture(
                      FileError.unavailable(
                          "not processed within "
                              + options.getProcessingTimeout()
                              + " ("
                              + status
                              + ")",
                          null));
                }
                long wait =
                    UploaderOptions.doubling(
                            options.getPollInterval(), options.getMaxPollInterval(), polls)
                        .toMillis();
                return vertx.timer(wait).compose(t -> poll(polls + 1, deadline));
              });
    }

    private void report(UploadProgress.Phase phase, int part, long bytes) {
      progress.handle(new UploadProgress(uploadId, phase, part, bytes, total));
    }

    /** The same failure, its message naming the upload the caller may look after. */
    private Future<JsonObject> naming(Throwable failure) {
      FileError error = FileError.of(failure);
      return Future.failedFuture(
          new FileError(
              error.code(),
              "upload " + uploadId + ": " + error.getMessage(),
              error.details(),
              failure));
    }
  }
}
