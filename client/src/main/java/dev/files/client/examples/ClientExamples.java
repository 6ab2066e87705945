package dev.files.client.examples;

import dev.files.client.FilesClient;
import dev.files.client.FilesClientOptions;
import dev.files.client.UploadProgress;
import dev.files.client.Uploader;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/** Compiled examples of the client library; each method is one snippet of the javadoc. */
public final class ClientExamples {
  private ClientExamples() {}

  /**
   * files.info over the clustered event bus. {@code clusteredVertx} joined the service's cluster
   * (for Hazelcast: {@code Vertx.builder().withClusterManager(new
   * HazelcastClusterManager(config)).buildClustered()} with the service's cluster name and member
   * list).
   */
  public static void overTheEventBus(Vertx clusteredVertx, String uploadId) {
    FilesClient files = FilesClient.overEventBus(clusteredVertx);
    files
        .info(new JsonObject().put("username", "alice").put("uploadId", uploadId))
        .onSuccess(reply -> System.out.println(reply.getJsonObject("file").getString("status")));
  }

  /** files.list over HTTP with a bearer token; one call with a shorter timeout. */
  public static void overHttp(Vertx vertx, String jwt) {
    FilesClient files =
        FilesClient.overHttp(
            vertx,
            "http://files.internal:8080",
            new FilesClientOptions().setBearerToken(jwt).setTimeout(Duration.ofSeconds(10)));
    files
        .withTimeout(Duration.ofSeconds(2))
        .list(new JsonObject().put("username", "alice").put("owner", "alice").put("limit", 20))
        .onSuccess(page -> System.out.println(page.getInteger("total") + " files"));
  }

  /** Failures carry the API's code and HTTP status, whatever the transport. */
  public static void handlingErrors(FilesClient files, String uploadId) {
    files
        .info(new JsonObject().put("username", "bob").put("uploadId", uploadId))
        .onFailure(
            failure -> {
              FileError error = FileError.of(failure);
              if (error.code() == ErrorCode.NOT_FOUND) {
                System.out.println("no such file");
              } else if (error.code() == ErrorCode.FORBIDDEN) {
                System.out.println("not yours: " + error.status());
              } else {
                System.out.println(error.code().code() + ": " + error.getMessage());
              }
            });
  }

  /**
   * A file on disk through a resumable session, with progress; {@code md5Hex} and {@code size}
   * describe its bytes.
   */
  public static void uploadAFile(
      Vertx vertx, FilesClient files, String path, long size, String md5Hex) {
    Uploader uploader = Uploader.create(vertx, files);
    JsonObject request =
        new JsonObject()
            .put("username", "alice")
            .put("resumable", true)
            .put(
                "files",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "original")
                            .put("contentType", "video/mp4")
                            .put("contentLength", size)
                            .put("md5Hash", md5Hex)
                            .put("originalName", "holiday.mp4")))
            .put("meta", new JsonObject().put("name", "Holiday"));
    vertx
        .fileSystem()
        .open(path, new OpenOptions().setRead(true))
        .compose(
            file ->
                uploader.upload(
                    request,
                    List.of(file),
                    (UploadProgress p) ->
                        System.out.println(p.phase() + " " + p.bytesSent() + "/" + p.totalBytes())))
        .onSuccess(record -> System.out.println("processed: " + record.getString("uploadId")))
        .onFailure(e -> System.out.println("upload failed: " + FileError.of(e).code().code()));
  }
}
