package dev.files.service.process;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the processing worker holds: uploads signalled and not yet settled (running or waiting for a
 * retry), and how many settled each way. Exported as {@code files_processing_queue} and {@code
 * files_processing_settled_total{outcome}}.
 */
public final class ProcessingQueue {
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  void accepted() {
    waiting.incrementAndGet();
  }

  void settled(boolean succeeded) {
    waiting.decrementAndGet();
    (succeeded ? processed : failed).incrementAndGet();
  }

  /** Uploads signalled and not yet processed or given up. */
  public int waiting() {
    return waiting.get();
  }

  public long processed() {
    return processed.get();
  }

  /** Uploads the worker gave up on (a permanent failure or its tries used up). */
  public long failed() {
    return failed.get();
  }
}
