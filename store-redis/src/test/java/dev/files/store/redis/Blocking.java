package dev.files.store.redis;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for futures on the test thread. */
final class Blocking {
  private Blocking() {}

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static FileError failure(Future<?> f) {
    try {
      Object v = await(f);
      throw new AssertionError("expected a failure, got " + v);
    } catch (FileError e) {
      return e;
    }
  }

  static ErrorCode code(Future<?> f) {
    return failure(f).code();
  }
}
