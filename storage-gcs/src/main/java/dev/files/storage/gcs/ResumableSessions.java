package dev.files.storage.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts GCS resumable upload sessions on behalf of a client (JSON API, {@code POST
 * /upload/storage/v1/b/<bucket>/o?uploadType=resumable}) with the storage client's credentials. The
 * google-cloud-storage client offers no public call that starts a session and hands its URL out, so
 * this is the one request the service builds itself (with the JDK's HttpClient: the client's
 * default HttpURLConnection transport silently drops the {@code Origin} header).
 *
 * <p>The session is bound to the object's name, content type, size ({@code X-Upload-Content-Length}
 * : GCS rejects another total) and MD5 ({@code md5Hash} in the resource: GCS refuses to finalize
 * other bytes), to the client's CORS origin ({@code Origin}: GCS answers that origin's CORS
 * requests on the session URL), and {@code ifGenerationMatch=0} (the name is written once). The
 * session URL itself is the credential: whoever holds it may upload, for a week at most.
 */
final class ResumableSessions {
  private static final String STORAGE_SCOPE =
      "https://www.googleapis.com/auth/devstorage.full_control";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Credentials credentials;
  private final String host;
  private final String userAgent;

  ResumableSessions(StorageOptions options, String host) {
    this.credentials = scoped(options);
    this.host = host;
    this.userAgent = "files-storage-gcs " + StorageOptions.version();
  }

  /** Starts a session for {@code request} and returns its URL as the part's location. Blocking. */
  UploadTarget start(UploadRequest request, boolean publicAcl) throws IOException {
    String url =
        host
            + "/upload/storage/v1/b/"
            + ObjectNames.encodeSegment(request.bucket())
            + "/o?uploadType=resumable&ifGenerationMatch=0"
            + (publicAcl ? "&predefinedAcl=publicRead" : "");
    JsonObject resource =
        new JsonObject()
            .put("name", request.object())
            .put("contentType", request.contentType())
            .put("md5Hash", request.md5Base64());
    HttpRequest.Builder post =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(resource.encode()))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("User-Agent", userAgent)
            .header("X-Upload-Content-Type", request.contentType())
            .header("X-Upload-Content-Length", Long.toString(request.contentLength()));
    if (request.origin() != null) {
      post.header("Origin", request.origin());
    }
    for (Map.Entry<String, List<String>> h : authorization(url).entrySet()) {
      h.getValue().forEach(v -> post.header(h.getKey(), v));
    }
    HttpResponse<String> response;
    try {
      response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String location = response.headers().firstValue("Location").orElse(null);
    if (response.statusCode() != 200 && response.statusCode() != 201 || location == null) {
      String body = response.body();
      throw new StorageException(
          response.statusCode(),
          "resumable session not started: HTTP "
              + response.statusCode()
              + " "
              + (body.length() > 500 ? body.substring(0, 500) : body));
    }
    return new UploadTarget(location, Map.of(), true);
  }

  /** The credentials scoped as the storage client scopes them for its own requests. */
  private static Credentials scoped(StorageOptions options) {
    Credentials c = options.getCredentials();
    if (c instanceof GoogleCredentials g && g.createScopedRequired()) {
      return g.createScoped(List.of(STORAGE_SCOPE));
    }
    return c;
  }

  private Map<String, List<String>> authorization(String url) throws IOException {
    if (credentials == null || credentials instanceof NoCredentials) {
      return Map.of();
    }
    return credentials.getRequestMetadata(URI.create(url));
  }
}
