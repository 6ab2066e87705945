package dev.files.store;

/** Which records a list query looks at before its filters. */
public enum Scope {
  /**
   * What files.list shows: records that are finished (not pending), not temp, not unlisted and not
   * soft-deleted ({@link dev.files.model.FileRecord#listed()}).
   */
  LISTED,
  /** Every record, soft-deleted ones included: for the reconciler, the syncer and operators. */
  ALL
}
