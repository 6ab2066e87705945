package dev.files.error;

import java.util.concurrent.TimeoutException;

/**
 * The one place that decides whether a failure is worth trying again.
 *
 * <p>Transient: {@link ErrorCode#UNAVAILABLE} (a backend or storage could not be reached, or
 * answered that it cannot serve now) and a {@link TimeoutException}. Every other code is permanent:
 * the same request would fail the same way. A write that failed transiently may or may not have
 * been applied, so only an idempotent or compare-and-set write may be repeated.
 *
 * <p>Stale: {@link ErrorCode#VERSION_CONFLICT}, a compare-and-set write refused because the record
 * changed since it was read. Repeating the same write fails again; reading the record and deciding
 * again on the new version may succeed.
 */
public final class Retry {
  static final int MAX_CAUSE_DEPTH = 8;

  private Retry() {}

  /** Whether a failure with this code may succeed when tried again unchanged. */
  public static boolean isTransient(ErrorCode code) {
    return code == ErrorCode.UNAVAILABLE;
  }

  /** Whether this failure (a {@link FileError} or any throwable) may succeed when tried again. */
  public static boolean isTransient(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof FileError fe) {
        return isTransient(fe.code());
      }
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this failure is a compare-and-set write refused on a version that is no longer current:
   * worth reading the record again and deciding again, never worth repeating unchanged.
   */
  public static boolean isStale(Throwable failure) {
    return failure instanceof FileError fe && fe.code() == ErrorCode.VERSION_CONFLICT;
  }
}
