package dev.files.store.history;

import java.util.Objects;

/**
 * What a store write is part of, for the history entry the store writes with it.
 *
 * @param action the action that writes, e.g. {@code files.tag.add}
 * @param actor who acted: a username, or the part of the service that acted ({@link #RECONCILER},
 *     {@link #PROCESSING_WORKER}, {@link #STORAGE_NOTIFICATION}, {@link #SYSTEM})
 * @param at when, in epoch milliseconds (the action's clock)
 * @param origin where the request came from
 * @param retention how long the record's history is kept; applied by this write
 */
public record WriteContext(
    String action, String actor, long at, Origin origin, HistoryRetention retention) {

  public static final String RECONCILER = "reconciler";
  public static final String PROCESSING_WORKER = "processing-worker";
  public static final String STORAGE_NOTIFICATION = "storage-notification";
  public static final String SYNCER_REPAIR = "syncer-repair";

  /** The service itself, when no more precise part is known. */
  public static final String SYSTEM = "system";

  /** The actor and action of a write made by code that names neither. */
  public static final String UNKNOWN = "unknown";

  public WriteContext {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    origin = origin == null ? Origin.unknown() : origin;
    retention = retention == null ? HistoryRetention.defaults() : retention;
  }

  /**
   * A write by code that passes no context (the store methods without one): recorded as done by
   * {@code unknown}, now, with the default retention.
   */
  public static WriteContext unattributed() {
    return new WriteContext(
        UNKNOWN,
        UNKNOWN,
        System.currentTimeMillis(),
        Origin.unknown(),
        HistoryRetention.defaults());
  }
}
