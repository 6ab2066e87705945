package dev.files.storage.local;

import dev.files.storage.local.ResumableUploads.Complete;
import dev.files.storage.local.ResumableUploads.Incomplete;
import dev.files.storage.local.ResumableUploads.Outcome;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Uploads: {@code PUT /blobs/<bucket>/<object>?expires=&[public=1&]sig=} (a signed single PUT that
 * must carry the signed Content-Type, Content-MD5 and Content-Length) and {@code PUT|DELETE
 * /blobs/upload/<session>?sig=} (a resumable session: whole body, chunks with Content-Range and
 * 308, status queries, cancel).
 */
final class UploadHandler {
  private final LocalBlobStorage storage;
  private final CorsHandler cors;

  UploadHandler(LocalBlobStorage storage, CorsHandler cors) {
    this.storage = storage;
    this.cors = cors;
  }

  void signedPut(HttpServerRequest request, BlobPath path) {
    SignedRequest.Put put = SignedRequest.Put.of(request, path);
    if (!storage.signer().verify(request.getParam("sig"), put)) {
      throw SignedRequest.signatureMismatch();
    }
    SignedRequest.checkNotExpired(put.expires(), storage.clock().instant());
    storage
        .receiveSinglePut(request, put)
        .onSuccess(meta -> Responses.sendResource(request, meta, 200))
        .onFailure(err -> Responses.fail(request, err));
  }

  void sessionPut(HttpServerRequest request, String id) {
    verifySession(request, id);
    ContentRange range = ContentRange.parse(request.getHeader("Content-Range"));
    Long bodyLength = Responses.contentLength(request);
    session(request, id)
        .compose(session -> storage.sessions().put(request, id, range, bodyLength))
        .onSuccess(outcome -> sendOutcome(request, outcome))
        .onFailure(err -> Responses.fail(request, err));
  }

  void sessionCancel(HttpServerRequest request, String id) {
    verifySession(request, id);
    session(request, id)
        .compose(session -> storage.sessions().cancel(id))
        // GCS answers a cancelled session with 499.
        .onSuccess(v -> request.response().setStatusCode(499).end())
        .onFailure(err -> Responses.fail(request, err));
  }

  /** Refuses a session request whose URL signature does not name this session. */
  private void verifySession(HttpServerRequest request, String id) {
    if (!storage.signer().verify(request.getParam("sig"), new SignedRequest.Session(id))) {
      throw SignedRequest.signatureMismatch();
    }
  }

  /** The session, once the response allows the origin it was started from. */
  private Future<UploadSession> session(HttpServerRequest request, String id) {
    return storage
        .sessions()
        .find(id)
        .map(
            session -> {
              cors.allowOrigin(request, session.origin());
              return session;
            });
  }

  private static void sendOutcome(HttpServerRequest request, Outcome outcome) {
    if (outcome instanceof Complete complete) {
      Responses.sendResource(request, complete.meta(), 200);
      return;
    }
    long committed = ((Incomplete) outcome).committed();
    HttpServerResponse response = request.response().setStatusCode(308);
    response.setStatusMessage("Resume Incomplete");
    if (committed > 0) {
      response.putHeader("Range", "bytes=0-" + (committed - 1));
    }
    Responses.afterBody(request, () -> response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").end());
  }
}
