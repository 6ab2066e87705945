package dev.files.syncer.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shows progress on stderr while a command runs (the syncer commands and the sync benchmark). On a
 * terminal a counted task is one bar redrawn in place with rate and ETA ({@link Progress#bar});
 * otherwise (a log, a pipe) a plain line every two seconds ({@link Progress#line}).
 */
public final class ProgressLine implements AutoCloseable {
  private static final long TERMINAL_EVERY_MS = 250;
  private static final long PLAIN_EVERY_MS = 2_000;

  private final Thread thread;
  private final Runnable last;

  private ProgressLine(Runnable tick, long everyMs, Runnable last) {
    this.last = last;
    this.thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(everyMs);
                  tick.run();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "syncer-progress");
    thread.setDaemon(true);
  }

  /** A line of the caller's own every two seconds. */
  public static ProgressLine start(Supplier<String> line) {
    return start(() -> System.err.println(line.get()), PLAIN_EVERY_MS, () -> {});
  }

  /**
   * A counted task: {@code done} of {@code total} (0 or less while unknown), as a bar on a terminal
   * and as plain lines otherwise. The last state is printed once more on close.
   */
  public static ProgressLine counting(String label, LongSupplier done, LongSupplier total) {
    return counting(label, done, total, onTerminal(), System.err);
  }

  static ProgressLine counting(
      String label, LongSupplier done, LongSupplier total, boolean terminal, PrintStream out) {
    long started = System.currentTimeMillis();
    Supplier<String> bar =
        () ->
            Progress.bar(
                label, done.getAsLong(), total.getAsLong(), System.currentTimeMillis() - started);
    Supplier<String> line =
        () ->
            Progress.line(
                label, done.getAsLong(), total.getAsLong(), System.currentTimeMillis() - started);
    if (terminal) {
      // \r and erase-line redraw the bar in place; the final state ends the line.
      return start(
          () -> out.print("\r\033[2K" + bar.get()),
          TERMINAL_EVERY_MS,
          () -> out.println("\r\033[2K" + bar.get()));
    }
    return start(() -> out.println(line.get()), PLAIN_EVERY_MS, () -> out.println(line.get()));
  }

  /** Whether stderr likely is a terminal: a console is attached and TERM is not dumb. */
  static boolean onTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }

  private static ProgressLine start(Runnable tick, long everyMs, Runnable last) {
    ProgressLine p = new ProgressLine(tick, everyMs, last);
    p.thread.start();
    return p;
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    last.run();
  }
}
