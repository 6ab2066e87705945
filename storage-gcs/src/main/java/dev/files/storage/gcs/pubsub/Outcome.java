package dev.files.storage.gcs.pubsub;

/** What became of one notification, and whether Pub/Sub may forget it. */
public enum Outcome {
  /** The finish was applied (or was already: duplicates succeed). */
  APPLIED(true),
  /** An event type other than OBJECT_FINALIZE. */
  IGNORED(true),
  /** Not a readable GCS notification; logged and counted. */
  MALFORMED(true),
  /**
   * The finish failed for good (unknown object, size or MD5 mismatch, an internal error, ...);
   * logged, counted.
   */
  REJECTED(true),
  /** The finish failed transiently ({@link dev.files.error.Retry#isTransient}): redeliver. */
  TRANSIENT(false);

  private final boolean ack;

  Outcome(boolean ack) {
    this.ack = ack;
  }

  /** Acknowledge (push: 2xx) or let Pub/Sub redeliver (push: 5xx; pull: nack). */
  public boolean ack() {
    return ack;
  }
}
