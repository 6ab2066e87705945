package dev.files.storage.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Acl;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.SignUrlOption;
import com.google.cloud.storage.StorageOptions;
import dev.files.blob.BlobStorage;
import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStorage} on Google Cloud Storage through the official (blocking) client; every call
 * runs on this storage's own worker pool.
 *
 * <ul>
 *   <li>Single PUT: a V4 signed URL whose signed headers are Content-Type, Content-MD5, {@code
 *       x-goog-content-length-range} (the exact size), {@code x-goog-if-generation-match: 0} (the
 *       name can be written once) and, for a public file in a bucket with ACLs, {@code x-goog-acl:
 *       public-read}. The client must send exactly these headers ({@link UploadTarget#headers}).
 *   <li>Resumable: the service starts the session itself ({@link ResumableSessions}) with the
 *       object's name, type, size, MD5 and the client's CORS origin, and hands out the session URL.
 *   <li>Downloads: V4 signed GET URLs ({@code response-content-disposition} for rename); direct
 *       unsigned URLs for public files under {@link GcsConfig#effectivePublicUrlBase()}.
 *   <li>Public/private: the {@code allUsers} READER object ACL; nothing with uniform bucket-level
 *       access (see docs/backends/gcs.md for how public files are served then).
 * </ul>
 */
public final class GcsBlobStorage implements BlobStorage {
  private static final Logger log = LoggerFactory.getLogger(GcsBlobStorage.class);
  private static final int WORKER_POOL_SIZE = 16;

  private final Storage storage;
  private final GcsConfig config;
  private final WorkerExecutor workers;
  private final ResumableSessions sessions;

  /**
   * Wraps an existing client (tests build one against a fake); {@code storage}'s options must use
   * the HTTP transport, and its credentials must be able to sign (a service account).
   */
  public GcsBlobStorage(Vertx vertx, Storage storage, GcsConfig config) {
    this.storage = storage;
    this.config = config;
    this.workers = vertx.createSharedWorkerExecutor("files-gcs", WORKER_POOL_SIZE);
    this.sessions = new ResumableSessions(storage.getOptions(), config.effectiveHost());
  }

  /** Builds the client from the configuration (credentials are loaded on a worker). */
  public static Future<GcsBlobStorage> create(Vertx vertx, GcsConfig config) {
    return vertx.executeBlocking(
        () -> new GcsBlobStorage(vertx, buildClient(config), config), false);
  }

  /** The Google client for {@code config}: JSON API over HTTP, the configured host and key. */
  public static Storage buildClient(GcsConfig config) {
    StorageOptions.Builder options =
        StorageOptions.http()
            .setCredentials(GoogleCredentialsLoader.load(config.credentialsFile()));
    if (config.host() != null) {
      options.setHost(config.host());
    }
    if (config.project() != null) {
      options.setProjectId(config.project());
    }
    return options.build().getService();
  }

  /** Releases the worker pool and the client. */
  public Future<Void> close() {
    Future<Void> closed =
        blocking(
            "close",
            () -> {
              storage.close();
              return null;
            });
    return closed.eventually(workers::close);
  }

  @Override
  public String bucket() {
    return config.bucket();
  }

  /** The configuration this storage runs with. */
  public GcsConfig config() {
    return config;
  }

  @Override
  public Future<UploadTarget> signUpload(UploadRequest request) {
    String what = "sign upload " + request.bucket() + "/" + request.object();
    boolean acl = request.publicRead() && !config.uniformBucketLevelAccess();
    if (request.resumable()) {
      return blocking(what, () -> sessions.start(request, acl));
    }
    return blocking(what, () -> signSinglePut(request, acl));
  }

  private UploadTarget signSinglePut(UploadRequest request, boolean publicAcl) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", request.contentType());
    headers.put("Content-MD5", request.md5Base64());
    headers.put(
        "x-goog-content-length-range", request.contentLength() + "," + request.contentLength());
    headers.put("x-goog-if-generation-match", "0");
    if (publicAcl) {
      headers.put("x-goog-acl", "public-read");
    }
    List<SignUrlOption> options = signOptions(HttpMethod.PUT);
    options.add(SignUrlOption.withExtHeaders(headers));
    URL url =
        storage.signUrl(
            BlobInfo.newBuilder(request.bucket(), request.object()).build(),
            request.expiresSeconds(),
            TimeUnit.SECONDS,
            options.toArray(SignUrlOption[]::new));
    return new UploadTarget(url.toString(), headers, false);
  }

  @Override
  public Future<String> signDownload(
      String bucket, String object, long expiresSeconds, String saveAs) {
    return blocking(
        "sign download " + bucket + "/" + object,
        () -> {
          List<SignUrlOption> options = signOptions(HttpMethod.GET);
          if (saveAs != null) {
            options.add(
                SignUrlOption.withQueryParams(
                    Map.of("response-content-disposition", ContentDisposition.attachment(saveAs))));
          }
          return storage
              .signUrl(
                  BlobInfo.newBuilder(bucket, object).build(),
                  expiresSeconds,
                  TimeUnit.SECONDS,
                  options.toArray(SignUrlOption[]::new))
              .toString();
        });
  }

  private List<SignUrlOption> signOptions(HttpMethod method) {
    List<SignUrlOption> options = new ArrayList<>();
    options.add(SignUrlOption.httpMethod(method));
    options.add(SignUrlOption.withV4Signature());
    options.add(SignUrlOption.withPathStyle());
    if (config.host() != null) {
      options.add(SignUrlOption.withHostName(config.host()));
    }
    return options;
  }

  @Override
  public String directUrl(String bucket, String object) {
    return config.effectivePublicUrlBase()
        + "/"
        + ObjectNames.encodePath(bucket)
        + "/"
        + ObjectNames.encodePath(object);
  }

  @Override
  public Future<ObjectStat> stat(String bucket, String object) {
    String what = "stat " + bucket + "/" + object;
    return blocking(
        what,
        () -> {
          Blob blob = storage.get(BlobId.of(bucket, object));
          if (blob == null) {
            throw FileError.notFound(what + ": no such object");
          }
          return new ObjectStat(
              bucket,
              object,
              blob.getSize(),
              blob.getMd5(),
              blob.getCrc32c(),
              blob.getGeneration(),
              blob.getContentType());
        });
  }

  @Override
  public Future<Buffer> read(String bucket, String object, long offset, int length) {
    return blocking(
        "read " + bucket + "/" + object,
        () -> {
          ByteBuffer bytes = ByteBuffer.allocate(length);
          try (ReadChannel reader = storage.reader(BlobId.of(bucket, object))) {
            reader.seek(offset);
            reader.limit(offset + length);
            while (bytes.hasRemaining() && reader.read(bytes) >= 0) {
              // read until the range or the object ends
            }
          }
          bytes.flip();
          return Buffer.buffer(bytes.array()).slice(0, bytes.limit());
        });
  }

  @Override
  public Future<Void> delete(String bucket, String object, Long generation) {
    String what = "delete " + bucket + "/" + object + (generation == null ? "" : "#" + generation);
    return blocking(
        what,
        () -> {
          BlobId id = BlobId.of(bucket, object);
          try {
            boolean deleted =
                generation == null
                    ? storage.delete(id)
                    : storage.delete(id, Storage.BlobSourceOption.generationMatch(generation));
            if (!deleted) {
              log.debug(what + ": nothing to delete");
            }
          } catch (RuntimeException e) {
            if (GcsErrors.status(e) != 412) {
              throw e;
            }
            // Another generation is live under that name: ours is gone already; leave theirs.
            log.info(what + ": a newer generation is live; left in place");
          }
          return null;
        });
  }

  @Override
  public Future<Void> setPublic(String bucket, String object, boolean isPublic) {
    String what = (isPublic ? "make public " : "make private ") + bucket + "/" + object;
    if (config.uniformBucketLevelAccess()) {
      return Future.succeededFuture();
    }
    return blocking(
        what,
        () -> {
          BlobId id = BlobId.of(bucket, object);
          if (isPublic) {
            storage.createAcl(id, Acl.of(Acl.User.ofAllUsers(), Acl.Role.READER));
          } else {
            storage.deleteAcl(id, Acl.User.ofAllUsers());
          }
          return null;
        });
  }

  /**
   * Runs a client call on the worker pool; its failure is translated, not logged: whoever ends the
   * action logs it once.
   */
  private <T> Future<T> blocking(String what, Callable<T> call) {
    return workers
        .<T>executeBlocking(call, false)
        .recover(t -> Future.failedFuture(GcsErrors.translate(t, what)));
  }
}
