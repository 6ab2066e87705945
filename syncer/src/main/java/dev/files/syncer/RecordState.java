package dev.files.syncer;

import dev.files.model.FileRecord;

/**
 * What verify keeps of one record of one store: its version, a digest of its content and the alias
 * it holds (null when none).
 */
record RecordState(long version, String digest, AliasKey alias) {

  static RecordState of(FileRecord r) {
    return new RecordState(
        r.version(),
        RecordDigest.of(r),
        r.alias() == null ? null : new AliasKey(r.owner(), r.alias()));
  }

  /** An alias of one owner. */
  record AliasKey(String owner, String alias) implements Comparable<AliasKey> {
    @Override
    public int compareTo(AliasKey o) {
      int c = owner.compareTo(o.owner);
      return c != 0 ? c : alias.compareTo(o.alias);
    }

    @Override
    public String toString() {
      return owner + "/" + alias;
    }
  }
}
