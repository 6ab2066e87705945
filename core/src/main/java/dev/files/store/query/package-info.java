/**
 * The reference semantics of list queries, evaluated in memory: value comparison, filter matching,
 * sort order and keyset positions. Backends translate queries into their own indexes and may fall
 * back on these for what the indexes leave over.
 */
package dev.files.store.query;
