/**
 * The reference semantics of list queries, evaluated in memory: value comparison, filter matching,
 * sort order and keyset positions. Backends translate queries into their own indexes and may fall
 * back on these for what the indexes leave over. Beside them, the helpers every backend shares: the
 * conjuncts and fields of a filter ({@link dev.files.store.query.FilterTerms}), the page window
 * ({@link dev.files.store.query.PageWindow}) and the report tally ({@link
 * dev.files.store.query.ReportTally}).
 */
package dev.files.store.query;
