package dev.files.blob;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * An opened storage ({@link BlobStorageProvider#open}) with what the service must do around it: the
 * HTTP routes it serves, the notifications it delivers besides them, its meters.
 */
public interface StorageBackend {
  /** The storage's name ({@code storage.type}) for health and logs, e.g. {@code local}. */
  String name();

  BlobStorage storage();

  /**
   * The storage's own HTTP routes: local storage serves its signed URLs, GCS takes Pub/Sub push
   * deliveries; none by default.
   *
   * @param sink where the storage's finalize events go (files.finish)
   */
  default List<StorageRoute> routes(FinalizeSink sink) {
    return List.of();
  }

  /**
   * Starts whatever delivers the storage's finalize events besides HTTP routes (a Pub/Sub pull
   * subscriber); nothing by default.
   */
  default Future<Void> startNotifications(Vertx vertx, FinalizeSink sink) {
    return Future.succeededFuture();
  }

  /** The storage's own counters (notification outcomes); none by default. */
  default List<StorageMeter> meters() {
    return List.of();
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Succeeds when storage answers: a stat of an absent object that says "not found" is fine. */
  default Future<Void> ping() {
    BlobStorage s = storage();
    return s.stat(s.bucket(), ".files-health-probe")
        .<Void>mapEmpty()
        .recover(
            e ->
                e instanceof FileError fe && fe.code() == ErrorCode.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  /** A storage that needs nothing around it. */
  static StorageBackend of(String name, BlobStorage storage) {
    return new StorageBackend() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BlobStorage storage() {
        return storage;
      }
    };
  }
}
