/**
 * The backend-neutral store API: {@link dev.files.store.FileStore}, list queries with their filter
 * tree, sort and keyset cursor, pages, reports, the change feed and capabilities.
 */
package dev.files.store;
