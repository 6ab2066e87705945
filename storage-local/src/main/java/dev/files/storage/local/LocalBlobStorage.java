package dev.files.storage.local;

import dev.files.blob.BlobStorage;
import dev.files.blob.ObjectFinalized;
import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStorage} on the local disk: objects are files {@code <root>/<bucket>/<object>} with a
 * JSON sidecar holding size, MD5, CRC32C, generation, type and the public flag. The service serves
 * the signed URLs itself through {@link LocalBlobRoutes}.
 *
 * <p>Finalize events: when an upload completes (bytes verified, fsynced, renamed, sidecar written)
 * the storage sends the {@link ObjectFinalized#toFinishRequest() files.finish request JSON} of the
 * object point-to-point ({@code request}, local only) to the event bus address {@link
 * ObjectFinalized#ADDRESS}: exactly one consumer gets each event, even when several verticle
 * instances register one. The consumer should reply (any body) or fail; a failure or missing
 * consumer is logged, and files.sync (the reconciler) finishes such uploads later.
 *
 * <p>All file I/O runs off the event loop: upload bodies are hashed and written on worker threads
 * ({@link UploadSink}), downloads go out with {@code sendFile}, everything else runs in {@code
 * executeBlocking}.
 */
public final class LocalBlobStorage implements BlobStorage {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStorage.class);

  /** Hashing and writing of uploads: two threads per upload in flight at most. */
  private static final String WORKER_POOL = "files-storage-local";

  private static final int WORKER_THREADS =
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final Vertx vertx;
  private final LocalBlobOptions options;
  private final Clock clock;
  private final UrlSigner signer;
  private final BlobDisk disk;
  private final WorkerExecutor workers;
  private final UploadReceiver receiver;
  private final ResumableUploads sessions;

  private LocalBlobStorage(Vertx vertx, LocalBlobOptions options, Clock clock, byte[] secret) {
    this.vertx = vertx;
    this.options = options;
    this.clock = clock;
    this.signer = new UrlSigner(secret);
    DiskLayout layout = new DiskLayout(options.root());
    this.disk = new BlobDisk(layout, clock);
    this.workers = vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_THREADS);
    this.receiver = new UploadReceiver(workers, options.maxChunkBuffer());
    this.sessions = new ResumableUploads(this, new SessionFiles(layout), receiver);
  }

  /**
   * Temporary files untouched for this long are a dead process's leftovers: a write in flight
   * touches its file with every buffer, and a stalled one is cut by the HTTP body timeout. Younger
   * ones may belong to another instance sharing the data directory.
   */
  static final Duration LEFTOVER_AGE = Duration.ofHours(1);

  /**
   * Creates the directories, loads (or creates) the signing secret and removes temporary files a
   * previous process left behind ({@link #LEFTOVER_AGE}). One instance per data directory and
   * process.
   */
  public static Future<LocalBlobStorage> create(Vertx vertx, LocalBlobOptions options) {
    return create(vertx, options, Clock.systemUTC());
  }

  /**
   * As {@link #create(Vertx, LocalBlobOptions)}, reading the time from {@code clock}: URL and
   * session expiry, generations, sidecar times.
   */
  public static Future<LocalBlobStorage> create(
      Vertx vertx, LocalBlobOptions options, Clock clock) {
    BlobNames.checkBucket(options.bucket());
    return vertx
        .executeBlocking(
            () -> {
              DiskLayout layout = new DiskLayout(options.root());
              layout.createDirectories();
              removeLeftovers(layout.tmpDir());
              return new LocalBlobStorage(
                  vertx, options, clock, UrlSigner.loadOrCreateSecret(options));
            },
            false)
        .recover(t -> Future.failedFuture(FileError.of(t)))
        .compose(storage -> storage.purgeExpiredSessions().map(purged -> storage));
  }

  public LocalBlobOptions options() {
    return options;
  }

  @Override
  public String bucket() {
    return options.bucket();
  }

  @Override
  public Future<UploadTarget> signUpload(UploadRequest request) {
    try {
      checkUploadRequest(request);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
    long expiresAtSeconds = clock.instant().getEpochSecond() + request.expiresSeconds();
    if (request.resumable()) {
      return sessions
          .create(request, expiresAtSeconds * 1000)
          .map(
              session ->
                  new UploadTarget(
                      new SignedRequest.Session(session.id()).url(options.publicBaseUrl(), signer),
                      Map.of(),
                      true));
    }
    SignedRequest.Put put =
        new SignedRequest.Put(
            request.bucket(),
            request.object(),
            Long.toString(expiresAtSeconds),
            request.contentType(),
            request.md5Base64(),
            request.contentLength(),
            request.publicRead());
    return Future.succeededFuture(
        new UploadTarget(
            put.url(options.publicBaseUrl(), signer),
            Map.of("Content-Type", request.contentType(), "Content-MD5", request.md5Base64()),
            false));
  }

  @Override
  public Future<String> signDownload(
      String bucket, String object, long expiresSeconds, String saveAs) {
    try {
      BlobNames.checkBucket(bucket);
      BlobNames.checkObject(object);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
    String expires = Long.toString(clock.instant().getEpochSecond() + expiresSeconds);
    String disposition = saveAs == null ? "" : UrlCodec.attachment(saveAs);
    return Future.succeededFuture(
        new SignedRequest.Get(bucket, object, expires, disposition)
            .url(options.publicBaseUrl(), signer));
  }

  /** The unsigned URL; it serves the object only while the object is public. */
  @Override
  public String directUrl(String bucket, String object) {
    BlobNames.checkBucket(bucket);
    BlobNames.checkObject(object);
    return objectUrl(bucket, object);
  }

  @Override
  public Future<ObjectStat> stat(String bucket, String object) {
    return meta(bucket, object).map(ObjectMeta::toStat);
  }

  @Override
  public Future<Buffer> read(String bucket, String object, long offset, int length) {
    return blocking(() -> disk.read(bucket, object, offset, length));
  }

  @Override
  public Future<Void> delete(String bucket, String object, Long generation) {
    return blocking(() -> disk.delete(bucket, object, generation)).mapEmpty();
  }

  @Override
  public Future<Void> setPublic(String bucket, String object, boolean isPublic) {
    return blocking(
        () -> {
          disk.setPublic(bucket, object, isPublic);
          return null;
        });
  }

  /** Releases the upload workers; uploads still in flight fail. */
  public Future<Void> close() {
    return workers.close();
  }

  /**
   * Removes resumable sessions past their lifetime (or never started before their signed expiry)
   * with their partial bytes; returns how many. The service may call it from its reconciler timer;
   * it also runs at {@link #create}.
   */
  public Future<Integer> purgeExpiredSessions() {
    return sessions.purgeExpired();
  }

  // ---- package-private, for the routes ----

  Clock clock() {
    return clock;
  }

  UrlSigner signer() {
    return signer;
  }

  BlobDisk disk() {
    return disk;
  }

  ResumableUploads sessions() {
    return sessions;
  }

  Future<ObjectMeta> meta(String bucket, String object) {
    return blocking(() -> disk.require(bucket, object));
  }

  Path dataPath(String bucket, String object) {
    return disk.layout().data(bucket, object);
  }

  /**
   * Receives a signed single PUT into a temporary file and, if size and MD5 match the binding,
   * commits it as the object and announces it. Nothing is stored otherwise.
   */
  Future<ObjectMeta> receiveSinglePut(HttpServerRequest request, SignedRequest.Put put) {
    Path tmp = disk.layout().newTemp();
    Digests digests = new Digests();
    return receiver
        .receive(request, tmp, 0, put.size(), digests)
        .compose(
            v -> {
              if (digests.count() != put.size()) {
                return Future.failedFuture(
                    FileError.validation(
                        "received " + digests.count() + " bytes, the URL is for " + put.size(),
                        "IncompleteBody"));
              }
              if (!digests.md5Base64().equals(put.md5Base64())) {
                return Future.failedFuture(badDigest(digests, put.md5Base64()));
              }
              return blocking(
                  () ->
                      disk.commit(
                          tmp,
                          put.bucket(),
                          put.object(),
                          digests,
                          put.contentType(),
                          put.publicRead()));
            })
        .onSuccess(this::announce)
        .onFailure(
            err ->
                blocking(() -> Files.deleteIfExists(tmp))
                    .onFailure(e -> LOG.warn("could not remove temporary upload " + tmp, e)));
  }

  /** Sends the finalize event of a committed object (see the class comment). */
  void announce(ObjectMeta meta) {
    ObjectFinalized event =
        new ObjectFinalized(
            meta.bucket(), meta.object(), meta.generation(), meta.size(), meta.md5Base64());
    LOG.info(
        "object finalized bucket="
            + meta.bucket()
            + " object="
            + meta.object()
            + " generation="
            + meta.generation()
            + " size="
            + meta.size());
    vertx
        .eventBus()
        .request(
            ObjectFinalized.ADDRESS,
            event.toFinishRequest(),
            new DeliveryOptions().setLocalOnly(true))
        .onFailure(
            err ->
                LOG.warn(
                    "finalize event for "
                        + meta.bucket()
                        + "/"
                        + meta.object()
                        + " generation "
                        + meta.generation()
                        + " not handled: "
                        + err.getMessage()));
  }

  /** Runs blocking file work on a worker thread; failures become {@link FileError}s. */
  <T> Future<T> blocking(Callable<T> work) {
    return vertx
        .executeBlocking(work, false)
        .recover(
            t -> {
              FileError error = FileError.of(t);
              if (error.code() == ErrorCode.INTERNAL) {
                LOG.error("local blob storage failure", t);
              }
              return Future.failedFuture(error);
            });
  }

  static FileError badDigest(Digests digests, String expected) {
    return FileError.validation(
        "the MD5 of the bytes (" + digests.md5Base64() + ") is not the declared " + expected,
        "BadDigest");
  }

  private String objectUrl(String bucket, String object) {
    return options.publicBaseUrl() + LocalBlobRoutes.PREFIX + UrlCodec.objectPath(bucket, object);
  }

  private static void checkUploadRequest(UploadRequest r) {
    BlobNames.checkBucket(r.bucket());
    BlobNames.checkObject(r.object());
    if (r.contentType() == null || r.contentType().isBlank()) {
      throw FileError.validation("contentType is required", "contentType");
    }
    if (r.contentLength() < 0) {
      throw FileError.validation("contentLength must not be negative", "contentLength");
    }
    if (r.expiresSeconds() <= 0) {
      throw FileError.validation("expires must be positive", "expires");
    }
    byte[] md5;
    try {
      md5 = Base64.getDecoder().decode(r.md5Base64() == null ? "" : r.md5Base64());
    } catch (IllegalArgumentException e) {
      md5 = new byte[0];
    }
    if (md5.length != 16) {
      throw FileError.validation("md5Base64 must be the base64 of 16 bytes", "md5Hash");
    }
  }

  private static void removeLeftovers(Path tmpDir) throws IOException {
    long cutoff = System.currentTimeMillis() - LEFTOVER_AGE.toMillis();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir)) {
      for (Path f : files) {
        try {
          if (Files.getLastModifiedTime(f).toMillis() < cutoff) {
            Files.deleteIfExists(f);
          }
        } catch (NoSuchFileException committedMeanwhile) {
          // Another process sharing the directory renamed or removed it: nothing left over.
        }
      }
    }
  }
}
