package dev.files.error;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Which causes of transient failures are down, and the few lines an outage deserves: one when a
 * cause goes down, a count at most once per quiet period while it stays down, one when an action
 * that failed on it succeeds again. A cause that flaps within the quiet period says nothing new
 * until the period ends. Memory is bounded: at most {@link #MAX_CAUSES} causes are tracked, the
 * rest share one. Thread-safe; the success path takes no lock while nothing is down.
 */
final class Outages {
  static final int MAX_CAUSES = 64;
  private static final int MAX_ACTIONS_PER_CAUSE = 32;
  private static final int MAX_CAUSE_LENGTH = 100;
  private static final String OTHER_CAUSES = "other causes";

  private final long quietMillis;
  private final LongSupplier clockMillis;
  private final Map<String, Cause> causes = new HashMap<>();
  private volatile boolean anyDown;

  Outages(long quietMillis, LongSupplier clockMillis) {
    this.quietMillis = quietMillis;
    this.clockMillis = clockMillis;
  }

  /** The line to log (WARN) for a transient failure of {@code action} on {@code cause}, or null. */
  synchronized String failed(String cause, String action, String what) {
    long now = clockMillis.getAsLong();
    Cause c = track(cause, now);
    c.failed(action, now);
    anyDown = true;
    if (!c.mayLog(now, quietMillis)) {
      return null;
    }
    long unsaid = c.said(now);
    if (unsaid == 1 && c.failures == 1) {
      return "backend down ["
          + c.name
          + "]: "
          + what
          + "; further failures are counted and logged at most every "
          + seconds(quietMillis)
          + " s";
    }
    return "backend still down ["
        + c.name
        + "]: "
        + unsaid
        + " failures since the last line, "
        + c.failures
        + " in "
        + seconds(now - c.downSince)
        + " s; latest "
        + what;
  }

  /** The lines to log (INFO) for the causes that {@code action}'s success shows are back. */
  List<String> succeeded(String action) {
    if (!anyDown) {
      return List.of();
    }
    synchronized (this) {
      long now = clockMillis.getAsLong();
      List<String> lines = new ArrayList<>();
      boolean stillDown = false;
      for (Cause c : causes.values()) {
        if (c.down && c.actions.contains(action)) {
          if (c.announced) {
            lines.add(
                "backend back up ["
                    + c.name
                    + "]: "
                    + action
                    + " answered again after "
                    + c.failures
                    + " failures in "
                    + seconds(now - c.downSince)
                    + " s");
          }
          c.up();
        }
        stillDown |= c.down;
      }
      anyDown = stillDown;
      return lines;
    }
  }

  /**
   * The outage a transient failure belongs to: the head of its message, what is unavailable before
   * the detail (see {@link FileError#unavailable}), or its code when the message has no head.
   */
  static String causeOf(FileError failure) {
    String head = head(failure.getMessage());
    return head.isEmpty() ? failure.code().code() : head;
  }

  private static String head(String message) {
    if (message == null) {
      return "";
    }
    int end = message.length();
    for (char stop : new char[] {':', '('}) {
      int at = message.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return message.substring(0, Math.min(end, MAX_CAUSE_LENGTH)).trim();
  }

  private Cause track(String name, long now) {
    Cause c = causes.get(name);
    if (c != null) {
      return c;
    }
    if (causes.size() >= MAX_CAUSES) {
      forgetQuietCauses(now);
    }
    String key = causes.size() >= MAX_CAUSES ? OTHER_CAUSES : name;
    return causes.computeIfAbsent(key, Cause::new);
  }

  /** Drops causes that are up and said nothing for a quiet period: they have nothing to recall. */
  private void forgetQuietCauses(long now) {
    for (Iterator<Cause> it = causes.values().iterator(); it.hasNext(); ) {
      Cause c = it.next();
      if (!c.down && c.mayLog(now, quietMillis)) {
        it.remove();
      }
    }
  }

  private static long seconds(long millis) {
    return Math.max(0, Math.round(millis / 1000.0));
  }

  /** One cause's state; guarded by the enclosing {@link Outages}. */
  private static final class Cause {
    final String name;
    final Set<String> actions = new HashSet<>();
    boolean down;
    boolean announced;
    long downSince;
    long failures;
    long unsaid;
    long lastLineAt = Long.MIN_VALUE;

    Cause(String name) {
      this.name = name;
    }

    void failed(String action, long now) {
      if (!down) {
        down = true;
        downSince = now;
        failures = 0;
        unsaid = 0;
        announced = false;
      }
      failures++;
      unsaid++;
      if (actions.size() < MAX_ACTIONS_PER_CAUSE) {
        actions.add(action);
      }
    }

    boolean mayLog(long now, long quietMillis) {
      return lastLineAt == Long.MIN_VALUE || now - lastLineAt >= quietMillis;
    }

    /** Marks a line as logged now; the number of failures it covers. */
    long said(long now) {
      long covered = unsaid;
      unsaid = 0;
      lastLineAt = now;
      announced = true;
      return covered;
    }

    void up() {
      down = false;
      actions.clear();
    }
  }
}
