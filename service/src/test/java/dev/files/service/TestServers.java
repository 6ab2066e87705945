package dev.files.service;

import dev.files.blob.BlobStorage;
import dev.files.blob.ObjectStat;
import dev.files.blob.StorageBackend;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.FileError;
import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts services for tests: real HTTP on a free port, with the given environment. */
public final class TestServers {
  private TestServers() {}

  /** The configuration of a test: a free port, the memory store, plus {@code env}. */
  public static ServiceConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("FILES_HTTP_PORT", "0");
    all.put("FILES_STORE_PRIMARY", "memory");
    all.put("FILES_STORE_LIST", "memory");
    all.putAll(env);
    return ConfigLoader.load(null, all);
  }

  public static FilesServer start(FilesServer.Builder builder) {
    return await(builder.start());
  }

  /**
   * Waits like {@link Await#await} but wraps any failure in an {@link AssertionError} whose cause
   * is the {@code ExecutionException}: the cluster tests assert on that wrapping.
   */
  public static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete: " + e, e);
    }
  }

  public static void stop(FilesServer server) {
    if (server != null) {
      await(server.stop());
    }
  }

  /** A storage that holds nothing; {@code healthy} false makes every call fail as unavailable. */
  public static StorageBackend emptyStorage(boolean healthy) {
    return StorageBackend.of("empty", new EmptyStorage(healthy));
  }

  private record EmptyStorage(boolean healthy) implements BlobStorage {
    private <T> Future<T> answer() {
      return Future.failedFuture(
          healthy
              ? FileError.notFound("nothing is stored here")
              : FileError.unavailable("storage is down", null));
    }

    @Override
    public String bucket() {
      return "test";
    }

    @Override
    public Future<UploadTarget> signUpload(UploadRequest request) {
      return answer();
    }

    @Override
    public Future<String> signDownload(String bucket, String object, long expires, String saveAs) {
      return answer();
    }

    @Override
    public String directUrl(String bucket, String object) {
      return "http://unused/" + object;
    }

    @Override
    public Future<ObjectStat> stat(String bucket, String object) {
      return answer();
    }

    @Override
    public Future<Buffer> read(String bucket, String object, long offset, int length) {
      return answer();
    }

    @Override
    public Future<Void> delete(String bucket, String object, Long generation) {
      return answer();
    }

    @Override
    public Future<Void> setPublic(String bucket, String object, boolean isPublic) {
      return answer();
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(30);
  }
}
