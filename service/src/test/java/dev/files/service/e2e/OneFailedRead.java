package dev.files.service.e2e;

import dev.files.blob.BlobStorage;
import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectStat;
import dev.files.blob.StorageBackend;
import dev.files.blob.StorageMeter;
import dev.files.blob.StorageRoute;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real storage whose next read of an armed upload's object fails as {@code unavailable}, once: a
 * transient storage fault that the processing worker retries. Everything else, the storage's own
 * routes and notifications included, is the real storage's.
 */
final class OneFailedRead implements StorageBackend {
  private final StorageBackend real;
  private final Set<String> armed = ConcurrentHashMap.newKeySet();
  private final BlobStorage storage;

  OneFailedRead(StorageBackend real) {
    this.real = real;
    this.storage = new Reads(real.storage());
  }

  /** The next read of an object of {@code uploadId} fails as unavailable. */
  void arm(String uploadId) {
    armed.add(uploadId);
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public BlobStorage storage() {
    return storage;
  }

  @Override
  public List<StorageRoute> routes(FinalizeSink sink) {
    return real.routes(sink);
  }

  @Override
  public Future<Void> startNotifications(Vertx vertx, FinalizeSink sink) {
    return real.startNotifications(vertx, sink);
  }

  @Override
  public List<StorageMeter> meters() {
    return real.meters();
  }

  @Override
  public Future<Void> close() {
    return real.close();
  }

  private final class Reads implements BlobStorage {
    private final BlobStorage delegate;

    Reads(BlobStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<Buffer> read(String bucket, String object, long offset, int length) {
      if (armed.removeIf(object::contains)) {
        return Future.failedFuture(FileError.unavailable("the test cut this read", null));
      }
      return delegate.read(bucket, object, offset, length);
    }

    @Override
    public String bucket() {
      return delegate.bucket();
    }

    @Override
    public Future<UploadTarget> signUpload(UploadRequest request) {
      return delegate.signUpload(request);
    }

    @Override
    public Future<String> signDownload(
        String bucket, String object, long expiresSeconds, String saveAs) {
      return delegate.signDownload(bucket, object, expiresSeconds, saveAs);
    }

    @Override
    public String directUrl(String bucket, String object) {
      return delegate.directUrl(bucket, object);
    }

    @Override
    public Future<ObjectStat> stat(String bucket, String object) {
      return delegate.stat(bucket, object);
    }

    @Override
    public Future<Void> delete(String bucket, String object, Long generation) {
      return delegate.delete(bucket, object, generation);
    }

    @Override
    public Future<Void> setPublic(String bucket, String object, boolean isPublic) {
      return delegate.setPublic(bucket, object, isPublic);
    }
  }
}
