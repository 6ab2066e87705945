package dev.files.testing;

import dev.files.error.FileError;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocks a test thread (never an event loop) until a Vert.x future completes.
 *
 * <p>One timeout for every test: {@link #TIMEOUT}, 120 s unless the system property {@code
 * files.test.timeoutSeconds} says otherwise. It only bounds a test that hangs; a test never relies
 * on it, so it is generous for a loaded machine.
 */
public final class Await {
  /** How long {@link #await} waits: {@code -Dfiles.test.timeoutSeconds}, default 120 s. */
  public static final Duration TIMEOUT =
      Duration.ofSeconds(Long.getLong("files.test.timeoutSeconds", 120));

  private Await() {}

  /**
   * The future's result. A failure is rethrown as itself when it is unchecked (a {@link FileError}
   * stays a {@code FileError}), a checked one wrapped in an {@link IllegalStateException}; a future
   * that does not complete within {@link #TIMEOUT} fails the test.
   */
  public static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw unchecked(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a future", e);
    }
  }

  /**
   * The {@link FileError} the future fails with; fails the test if it succeeds or fails otherwise.
   */
  public static FileError failure(Future<?> future) {
    Object value;
    try {
      value = await(future);
    } catch (FileError e) {
      return e;
    } catch (RuntimeException e) {
      throw new AssertionError("expected a FileError, the future failed with " + e, e);
    }
    throw new AssertionError("expected a failure, the future succeeded with " + value);
  }

  private static RuntimeException unchecked(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("the future failed: " + cause, cause);
  }
}
