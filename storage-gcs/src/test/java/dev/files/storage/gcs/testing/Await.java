package dev.files.storage.gcs.testing;

import dev.files.error.FileError;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread on a Vert.x future. */
public final class Await {
  private Await() {}

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The FileError {@code future} fails with. */
  public static FileError failure(Future<?> future) {
    try {
      Object v = await(future);
      throw new AssertionError("expected a failure, got " + v);
    } catch (FileError e) {
      return e;
    }
  }
}
