package dev.files.action;

/**
 * Hands a record to the processing worker. files.finish calls it when the last part of an upload is
 * in, files.sync for records stuck in {@code uploaded} or with an expired processing lease. It must
 * not block and need not be reliable: the store is the queue, and files.sync schedules again
 * whatever a lost signal left behind.
 */
@FunctionalInterface
public interface ProcessScheduler {
  void schedule(String uploadId);

  /** Schedules nothing (processing only by files.sync or explicit files.process calls). */
  static ProcessScheduler none() {
    return uploadId -> {};
  }
}
