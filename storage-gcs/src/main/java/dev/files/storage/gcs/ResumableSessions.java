package dev.files.storage.gcs;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Starts GCS resumable upload sessions on behalf of a client (JSON API, {@code POST
 * /upload/storage/v1/b/<bucket>/o?uploadType=resumable}), with the storage client's own HTTP
 * transport and credentials. The google-cloud-storage client offers no public call that starts a
 * session and hands its URL out, so this is the one request the service builds itself.
 *
 * <p>The session is bound to the object's name, content type, size ({@code X-Upload-Content-Length}
 * : GCS rejects a different total) and MD5 ({@code md5Hash} in the resource: GCS refuses to
 * finalize different bytes), to the client's CORS origin ({@code Origin}: GCS answers that origin's
 * CORS requests on the session URL), and {@code ifGenerationMatch=0} (the name is written once).
 * The session URL itself is the credential: whoever holds it may upload, for a week at most.
 */
final class ResumableSessions {
  private final HttpRequestFactory requests;
  private final String host;

  ResumableSessions(StorageOptions options, String host) {
    HttpTransportOptions transport = (HttpTransportOptions) options.getTransportOptions();
    this.requests =
        transport
            .getHttpTransportFactory()
            .create()
            .createRequestFactory(transport.getHttpRequestInitializer(options));
    this.host = host;
  }

  /** Starts a session for {@code request} and returns its URL as the part's location. Blocking. */
  UploadTarget start(UploadRequest request, boolean publicAcl) throws IOException {
    GenericUrl url =
        new GenericUrl(
            host + "/upload/storage/v1/b/" + ObjectNames.encodeSegment(request.bucket()) + "/o");
    url.set("uploadType", "resumable");
    url.set("ifGenerationMatch", "0");
    if (publicAcl) {
      url.set("predefinedAcl", "publicRead");
    }
    JsonObject resource =
        new JsonObject()
            .put("name", request.object())
            .put("contentType", request.contentType())
            .put("md5Hash", request.md5Base64());
    HttpRequest post =
        requests.buildPostRequest(
            url,
            new ByteArrayContent(
                "application/json; charset=UTF-8",
                resource.encode().getBytes(StandardCharsets.UTF_8)));
    post.getHeaders().set("X-Upload-Content-Type", request.contentType());
    post.getHeaders().set("X-Upload-Content-Length", Long.toString(request.contentLength()));
    if (request.origin() != null) {
      post.getHeaders().set("Origin", request.origin());
    }
    post.setThrowExceptionOnExecuteError(false);
    HttpResponse response = post.execute();
    try {
      int status = response.getStatusCode();
      String location = response.getHeaders().getLocation();
      if (status != 200 && status != 201 || location == null) {
        throw new StorageException(
            status, "resumable session not started: HTTP " + status + " " + body(response));
      }
      return new UploadTarget(location, Map.of(), true);
    } finally {
      response.disconnect();
    }
  }

  private static String body(HttpResponse response) {
    try {
      String s = response.parseAsString();
      return s.length() > 500 ? s.substring(0, 500) : s;
    } catch (IOException e) {
      return "";
    }
  }
}
