package dev.files.storage.local;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /blobs/<bucket>/<object>}: signed for private objects, unsigned for public ones,
 * with a single Range; the bytes go out with {@code sendFile}.
 */
final class DownloadHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadHandler.class);

  private final LocalBlobStorage storage;

  DownloadHandler(LocalBlobStorage storage) {
    this.storage = storage;
  }

  void handle(HttpServerRequest request, BlobPath path) {
    String disposition = request.getParam("response-content-disposition");
    if (disposition != null && hasControlCharacter(disposition)) {
      // It becomes a response header: CR or LF would split it (and Netty refuses to send it).
      throw FileError.validation(
          "response-content-disposition has a control character", "response-content-disposition");
    }
    String sig = request.getParam("sig");
    boolean signed = sig != null;
    if (signed) {
      SignedRequest.Get get = SignedRequest.Get.of(request, path);
      if (!storage.signer().verify(sig, get)) {
        throw SignedRequest.signatureMismatch();
      }
      SignedRequest.checkNotExpired(get.expires(), storage.clock().instant());
    }
    storage
        .meta(path.bucket(), path.object())
        .onSuccess(
            meta -> {
              if (!signed && !meta.publicRead()) {
                Responses.fail(
                    request,
                    new FileError(
                        ErrorCode.FORBIDDEN,
                        "the object is not public",
                        List.of("AccessDenied"),
                        null));
                return;
              }
              serve(request, meta, disposition, signed && !meta.publicRead());
            })
        .onFailure(err -> Responses.fail(request, err));
  }

  private void serve(
      HttpServerRequest request, ObjectMeta meta, String disposition, boolean isPrivate) {
    HttpServerResponse response = request.response();
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, meta.contentType())
        .putHeader(HttpHeaders.ETAG, meta.etag())
        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
        .putHeader("x-goog-generation", Long.toString(meta.generation()))
        .putHeader("x-goog-hash", Responses.hashHeader(meta))
        .putHeader(
            HttpHeaders.CACHE_CONTROL, isPrivate ? "private, max-age=0" : "public, max-age=3600");
    if (disposition != null) {
      response.putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
    }
    ByteRange range = ByteRange.parse(request.getHeader("Range"), meta.size());
    if (range == ByteRange.UNSATISFIABLE) {
      response
          .setStatusCode(416)
          .putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + meta.size())
          .putHeader(HttpHeaders.CONTENT_LENGTH, "0")
          .end();
      return;
    }
    long offset = range == null ? 0 : range.start();
    long length = range == null ? meta.size() : range.length();
    if (range != null) {
      response
          .setStatusCode(206)
          .putHeader(
              HttpHeaders.CONTENT_RANGE,
              "bytes " + range.start() + "-" + range.end() + "/" + meta.size());
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    if (request.method() == HttpMethod.HEAD || length == 0) {
      response.end();
      return;
    }
    sendBytes(request, meta, offset, length);
  }

  private void sendBytes(HttpServerRequest request, ObjectMeta meta, long offset, long length) {
    HttpServerResponse response = request.response();
    // sendFile(String) would open the file on the event loop: open it on a worker instead.
    Path file = storage.dataPath(meta.bucket(), meta.object());
    storage
        .blocking(() -> FileChannel.open(file, StandardOpenOption.READ))
        .onFailure(
            err -> {
              response.headers().remove(HttpHeaders.CONTENT_LENGTH);
              Responses.fail(
                  request, FileError.notFound("no object " + meta.bucket() + "/" + meta.object()));
            })
        .onSuccess(
            channel ->
                response
                    .sendFile(channel, offset, length)
                    .onComplete(
                        sent -> {
                          storage.blocking(
                              () -> {
                                channel.close();
                                return null;
                              });
                          if (sent.failed()) {
                            LOG.warn(
                                "download of "
                                    + meta.bucket()
                                    + "/"
                                    + meta.object()
                                    + " broke off: "
                                    + sent.cause().getMessage());
                          }
                        }));
  }

  private static boolean hasControlCharacter(String value) {
    return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
