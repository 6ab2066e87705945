package dev.files.store.redis;

import dev.files.model.FileRecord;

/** One list candidate: the shard that holds it and its uploadId. */
record Ref(int shard, String uploadId) {

  /** A candidate with the projected fields read from its hash. */
  record Projected(Ref ref, FileRecord record) {}
}
