package dev.files.storage.local;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;

/**
 * What a signed URL binds, as one value used both to sign (building the URL) and to verify (read
 * back from the request): {@link UrlSigner} signs exactly {@link #fields()}, {@link UrlCodec}
 * writes and reads the URL. Numbers are kept as the decimal text that was signed.
 */
sealed interface SignedRequest {

  /** The signed fields, in order; the first names the kind, so no two kinds sign alike. */
  List<String> fields();

  /** The query string (without {@code ?} and without {@code sig}). */
  String query();

  /** The path under {@link LocalBlobRoutes#PREFIX}, percent-encoded. */
  String path();

  /** The signed URL: {@code base/blobs/path?query&sig=}. */
  default String url(String baseUrl, UrlSigner signer) {
    String query = query();
    return baseUrl
        + LocalBlobRoutes.PREFIX
        + path()
        + "?"
        + (query.isEmpty() ? "" : query + "&")
        + "sig="
        + signer.sign(this);
  }

  /**
   * A single PUT of one object, bound to its type, MD5, exact size and public flag.
   *
   * @param expires epoch seconds after which the URL is refused, as signed
   */
  record Put(
      String bucket,
      String object,
      String expires,
      String contentType,
      String md5Base64,
      long size,
      boolean publicRead)
      implements SignedRequest {

    /** The binding a PUT request claims: its path, headers and query. */
    static Put of(HttpServerRequest request, BlobPath path) {
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length == null) {
        throw FileError.validation("Content-Length is required", "MissingContentLength");
      }
      return new Put(
          path.bucket(),
          path.object(),
          paramOrEmpty(request, "expires"),
          headerOrEmpty(request, HttpHeaders.CONTENT_TYPE.toString()),
          headerOrEmpty(request, "Content-MD5"),
          canonicalNumber(length),
          "1".equals(request.getParam("public")));
    }

    @Override
    public List<String> fields() {
      return List.of(
          "PUT",
          bucket,
          object,
          expires,
          contentType,
          md5Base64,
          Long.toString(size),
          publicRead ? "1" : "0");
    }

    @Override
    public String query() {
      return "expires=" + expires + (publicRead ? "&public=1" : "");
    }

    @Override
    public String path() {
      return UrlCodec.objectPath(bucket, object);
    }
  }

  /**
   * A download of one object.
   *
   * @param expires epoch seconds after which the URL is refused, as signed
   * @param disposition the {@code Content-Disposition} to answer with, or empty
   */
  record Get(String bucket, String object, String expires, String disposition)
      implements SignedRequest {

    /** The binding a GET or HEAD request claims. */
    static Get of(HttpServerRequest request, BlobPath path) {
      String disposition = request.getParam("response-content-disposition");
      return new Get(
          path.bucket(),
          path.object(),
          paramOrEmpty(request, "expires"),
          disposition == null ? "" : disposition);
    }

    @Override
    public List<String> fields() {
      return List.of("GET", bucket, object, expires, disposition);
    }

    @Override
    public String query() {
      return "expires="
          + expires
          + (disposition.isEmpty()
              ? ""
              : "&response-content-disposition=" + UrlCodec.encodeQuery(disposition));
    }

    @Override
    public String path() {
      return UrlCodec.objectPath(bucket, object);
    }
  }

  /** Every request to one resumable session; the session itself holds the binding. */
  record Session(String id) implements SignedRequest {
    @Override
    public List<String> fields() {
      return List.of("SESSION", id);
    }

    @Override
    public String query() {
      return "";
    }

    @Override
    public String path() {
      return BlobNames.SESSION_SEGMENT + "/" + id;
    }
  }

  /**
   * Refuses a URL past its expiry: GCS answers an expired signed URL with 400 ExpiredToken; an
   * expiry that is no number cannot have been signed.
   */
  static void checkNotExpired(String expires, Instant now) {
    long at;
    try {
      at = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw signatureMismatch();
    }
    if (now.getEpochSecond() > at) {
      throw FileError.validation("the signed URL has expired", "ExpiredToken");
    }
  }

  static FileError signatureMismatch() {
    return new FileError(
        ErrorCode.FORBIDDEN,
        "the signature does not match the request",
        List.of("SignatureDoesNotMatch"),
        null);
  }

  private static String paramOrEmpty(HttpServerRequest request, String name) {
    String value = request.getParam(name);
    return value == null ? "" : value;
  }

  private static String headerOrEmpty(HttpServerRequest request, String name) {
    String value = request.getHeader(name);
    return value == null ? "" : value.trim();
  }

  /** A number written the one way it is signed; any other spelling cannot match a signature. */
  private static long canonicalNumber(String text) {
    try {
      long n = Long.parseLong(text);
      if (n >= 0 && Long.toString(n).equals(text)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw signatureMismatch();
  }
}
