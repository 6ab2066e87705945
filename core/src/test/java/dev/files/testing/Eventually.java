package dev.files.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls for something that becomes true asynchronously (a record processed, an event delivered, a
 * server recovered), up to a bound the caller chooses: generous, because the machine may be loaded;
 * the poll returns as soon as the condition holds, so a generous bound costs nothing when it
 * passes.
 *
 * <p>Polls start every 10 ms and back off to every 200 ms. When the bound passes, the last failure
 * (or the last value seen) is in the test's failure.
 */
public final class Eventually {
  private static final long FIRST_PAUSE_MS = 10;
  private static final long MAX_PAUSE_MS = 200;

  private Eventually() {}

  /**
   * Runs {@code assertion} until it completes without throwing; rethrows its last failure once
   * {@code within} has passed.
   */
  public static void eventually(Duration within, Runnable assertion) {
    eventually(
        within,
        () -> {
          assertion.run();
          return Boolean.TRUE;
        });
  }

  /**
   * Asks {@code value} until it returns a value (not null) without throwing, and returns it; fails
   * with the last failure once {@code within} has passed.
   */
  public static <T> T eventually(Duration within, Supplier<T> value) {
    return eventually(within, value, v -> v != null);
  }

  /**
   * Asks {@code value} until it returns one that {@code done} accepts, and returns it; fails with
   * the last value or failure once {@code within} has passed.
   */
  public static <T> T eventually(Duration within, Supplier<T> value, Predicate<? super T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    long pause = FIRST_PAUSE_MS;
    while (true) {
      T last = null;
      Throwable failure = null;
      try {
        last = value.get();
        if (done.test(last)) {
          return last;
        }
      } catch (AssertionError | RuntimeException e) {
        failure = e;
      }
      if (System.nanoTime() - deadline > 0) {
        AssertionError timedOut =
            new AssertionError(
                "not true within "
                    + within
                    + (failure == null ? "; last value: " + last : "; last failure: " + failure));
        if (failure != null) {
          timedOut.initCause(failure);
        }
        throw timedOut;
      }
      sleep(pause);
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }

  /**
   * Polls {@code condition} until it is true; fails saying {@code what} once {@code within} passed.
   */
  public static void until(Duration within, String what, BooleanSupplier condition) {
    until(within, condition, () -> what);
  }

  /**
   * Polls {@code condition} until it is true; once {@code within} passed, fails with {@code
   * state}'s description of what was seen instead.
   */
  public static void until(Duration within, BooleanSupplier condition, Supplier<String> state) {
    try {
      eventually(within, condition::getAsBoolean, Boolean::booleanValue);
    } catch (AssertionError e) {
      throw new AssertionError(state.get() + ": not true within " + within, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
