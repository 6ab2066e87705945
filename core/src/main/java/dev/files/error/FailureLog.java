package dev.files.error;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each failure of an action once, at the place that ends it (the dispatcher, the processing
 * worker, the notification processor), so that an outage cannot flood the log:
 *
 * <ul>
 *   <li>{@code internal}: ERROR with the stack trace, every time (a bug to fix).
 *   <li>transient ({@link Retry#isTransient}): WARN without a stack trace, only when its cause goes
 *       down and then at most once per quiet period with the count of failures since; INFO once
 *       when an action that failed on it succeeds again ({@link #succeeded}) or is refused on what
 *       a backend answered ({@code not-found}, {@code version-conflict}, ...).
 *   <li>anything else (a refusal of the request): INFO, one line.
 * </ul>
 *
 * <p>The quiet period defaults to {@link #DEFAULT_QUIET_PERIOD}. Thread-safe: one instance may
 * serve every event loop.
 */
public final class FailureLog {
  /** How often, at most, a cause that stays down is logged again: 30 s. */
  public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);

  /**
   * Refusals only a backend's answer can produce (the record's state): the backends the action had
   * failed on are answering again.
   */
  private static final Set<ErrorCode> ANSWERED =
      EnumSet.of(
          ErrorCode.NOT_FOUND,
          ErrorCode.CONFLICT,
          ErrorCode.ALIAS_TAKEN,
          ErrorCode.VERSION_CONFLICT,
          ErrorCode.BUSY,
          ErrorCode.NOT_READY);

  private final Logger log;
  private final Outages outages;

  /** Logs under {@code owner}'s logger with the default quiet period. */
  public FailureLog(Class<?> owner) {
    this(LoggerFactory.getLogger(owner), DEFAULT_QUIET_PERIOD, System::currentTimeMillis);
  }

  public FailureLog(Logger log, Duration quietPeriod, LongSupplier clockMillis) {
    this.log = log;
    this.outages = new Outages(quietPeriod.toMillis(), clockMillis);
  }

  /**
   * Logs a failure of {@code action}.
   *
   * @param about what the failure concerned, after the action's name (e.g. {@code uploadId=...
   *     owner=...} or {@code after 3 ms}); empty when the log's context says it
   */
  public void failed(String action, String about, Throwable failure) {
    String what = about == null || about.isEmpty() ? action : action + " " + about;
    FileError error = FileError.of(failure);
    boolean wrapped = error.code() == ErrorCode.INTERNAL && error.getCause() == failure;
    String message = wrapped ? String.valueOf(failure) : error.getMessage();
    if (Retry.isTransient(error)) {
      String line =
          outages.failed(Outages.causeOf(error), action, what + ": " + message + rootCause(error));
      if (line != null) {
        log.warn(line);
      }
    } else if (error.code() == ErrorCode.INTERNAL) {
      log.error(what + " failed: " + message, error.getCause() != null ? error.getCause() : error);
    } else {
      log.info(what + " refused: " + error.code().code() + " " + message);
      if (ANSWERED.contains(error.code())) {
        succeeded(action);
      }
    }
  }

  /** The innermost cause, which names what the driver saw; the stack trace stays out. */
  private static String rootCause(FileError error) {
    Throwable root = error.getCause();
    for (int depth = 0;
        root != null && root.getCause() != null && depth < Retry.MAX_CAUSE_DEPTH;
        depth++) {
      root = root.getCause();
    }
    return root == null ? "" : " (" + root + ")";
  }

  /**
   * Records that {@code action} succeeded: the outages it had failed on are over. A refusal that
   * only a backend's answer can produce (e.g. {@code not-found}) counts as well.
   */
  public void succeeded(String action) {
    for (String line : outages.succeeded(action)) {
      log.info(line);
    }
  }
}
