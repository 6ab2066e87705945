package dev.files.store;

/**
 * One entry of a store's change feed.
 *
 * @param seq the entry's position, opaque; pass it as {@code since} to read what follows
 * @param uploadId the record changed
 * @param version the record's version after the change; for DELETE, the deleted version plus one
 * @param op what happened
 */
public record Change(String seq, String uploadId, long version, ChangeOp op) {}
