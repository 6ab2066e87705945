package dev.files.store;

import io.vertx.core.Future;

/**
 * An optional capability of a {@link FileStore}: the store's own change feed. A store that offers
 * it appends one entry per successful write in the write's atomic step; failed writes append
 * nothing. Stores that keep no feed (CouchDB) do not implement it.
 *
 * <p>The syncer does not read it: it follows the Redis store's change streams directly. It is kept
 * for the stores whose feed costs nothing extra (Redis streams, an SQLite table) and for tools.
 */
public interface ChangeFeed {

  /**
   * Every create, update and delete, in the order the store applied them, after {@code since}
   * (null: from the start of what the store keeps), at most {@code limit} entries.
   */
  Future<ChangeBatch> changes(String since, int limit);
}
