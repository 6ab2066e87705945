package dev.files.syncer.cli;

import java.util.function.Supplier;

/**
 * Prints a progress line to stderr every two seconds while a command runs (the syncer commands and
 * the sync benchmark).
 */
public final class ProgressLine implements AutoCloseable {
  private final Thread thread;

  private ProgressLine(Supplier<String> line) {
    this.thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(2_000);
                  System.err.println(line.get());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "syncer-progress");
    thread.setDaemon(true);
  }

  public static ProgressLine start(Supplier<String> line) {
    ProgressLine p = new ProgressLine(line);
    p.thread.start();
    return p;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
