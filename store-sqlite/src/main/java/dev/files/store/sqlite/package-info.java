/**
 * The embedded default store: one SQLite file through sqlite-jdbc, in WAL mode, with one write
 * connection on a single worker thread and a pool of read connections. {@link
 * dev.files.store.sqlite.SqliteStoreProvider} opens it under the name {@code sqlite}; the schema,
 * its indexes and the queries they serve are described in docs/backends/sqlite.md.
 */
package dev.files.store.sqlite;
