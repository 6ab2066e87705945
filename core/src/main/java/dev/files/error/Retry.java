package dev.files.error;

import java.util.concurrent.TimeoutException;

/**
 * The one place that decides whether a failure is worth trying again unchanged.
 *
 * <p>Transient: {@link ErrorCode#UNAVAILABLE} (a backend or storage could not be reached, or
 * answered that it cannot serve now) and a {@link TimeoutException}. Every other code is permanent:
 * the same request would fail the same way. A write that failed transiently may or may not have
 * been applied, so only an idempotent or compare-and-set write may be repeated.
 */
public final class Retry {
  private Retry() {}

  /** Whether a failure with this code may succeed when tried again unchanged. */
  public static boolean isTransient(ErrorCode code) {
    return code == ErrorCode.UNAVAILABLE;
  }

  /** Whether this failure (a {@link FileError} or any throwable) may succeed when tried again. */
  public static boolean isTransient(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (t instanceof FileError fe) {
        return isTransient(fe.code());
      }
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
