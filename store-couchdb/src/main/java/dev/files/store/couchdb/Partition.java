package dev.files.store.couchdb;

import dev.files.store.ListQuery;
import dev.files.store.Scope;

/**
 * Which records a query starts from, as a derived boolean field every record document carries: the
 * equality prefix of every list index. {@code ALL} holds every record, {@code LISTED} the listed
 * ones, {@code PUBLIC} the listed ones that other users may see.
 */
enum Partition {
  ALL("x_all", "all"),
  LISTED("x_listed", "listed"),
  PUBLIC("x_public", "public");

  final String field;
  final String code;

  Partition(String field, String code) {
    this.field = field;
    this.code = code;
  }

  /**
   * The narrowest partition that holds every record the query may return. Scope ALL with publicOnly
   * has no partition of its own: it reads ALL and leaves visibility to the residual check.
   */
  static Partition of(ListQuery q) {
    if (q.scope() == Scope.ALL) {
      return ALL;
    }
    return q.publicOnly() ? PUBLIC : LISTED;
  }
}
