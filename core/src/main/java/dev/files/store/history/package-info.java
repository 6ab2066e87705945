/**
 * A record's history: one {@link dev.files.store.history.HistoryEntry} per change, written by the
 * store in the same atomic step as the change itself, described by the {@link
 * dev.files.store.history.WriteContext} the caller hands to the write (who acted, through what,
 * when, and how long entries are kept).
 */
package dev.files.store.history;
