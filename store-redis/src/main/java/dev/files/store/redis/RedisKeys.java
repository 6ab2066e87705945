package dev.files.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key layout. {@code P} is the configured prefix, {@code n} a shard number, {@code h} the owner
 * hash (32 hex digits of SHA-256 of the owner) and {@code n = h mod shards}. Every key of a record
 * and of its owner carries the hash tag {@code {sn}}, so one write touches one Cluster slot:
 *
 * <pre>
 * P{sn}:r:&lt;uploadId&gt;             hash   the record: one field per JSON key (JSON-encoded value);
 *                                    _ix = its index entries, _alias = its alias, version
 * P{sn}:o:&lt;h&gt;:alias               hash   alias -&gt; uploadId, per owner
 * P{sn}:changes                     stream the shard's change feed: u=uploadId v=version o=op
 * P{sn}:h:&lt;uploadId&gt;             zset   the record's history: score = version after the change,
 *                                    member = the entry's JSON; written by the record's script
 * P{sn}:g:z:&lt;field&gt;               zset   sort index over every record of the shard (score 0,
 *                                    member = SortKey(value) \0 uploadId, ZRANGEBYLEX)
 * P{sn}:o:&lt;h&gt;:z:&lt;field&gt;           zset   the same over one owner's records
 * P{sn}:g:v:&lt;vis&gt;                 zset   ids by visibility: a = all, l = listed, p = listed for
 *                                    everyone (listed, public, not directOnly); score 0
 * P{sn}:g:s:&lt;vis&gt;:&lt;status&gt;        zset   ids of a visibility with a status
 * P{sn}:g:t:&lt;vis&gt;:&lt;tag&gt;           zset   ids of a visibility with a tag
 * P{sn}:o:&lt;h&gt;:{v,s,t}:...          zset   the same three per owner
 * P{sn}:g:n:&lt;gram&gt;                zset   ids of every record whose lower-cased name contains the
 *                                    trigram (see NameGrams); whole shard only, score 0
 * P{sn}:g:stats, P{sn}:o:&lt;h&gt;:stats hash   counters over listed records for files.report
 * Pid:&lt;uploadId&gt;                  string uploadId -&gt; owner, to find the shard of a get by id
 * Pmeta                             hash   layout, shards, sortIndexes: what the keyspace was built
 *                                    with
 * </pre>
 *
 * Inside a shard, keys are addressed by their suffix after {@code P{sn}:} (the write script gets
 * the shard prefix and the suffixes), so index entries stored with a record stay short.
 */
final class RedisKeys {
  private final String prefix;
  private final int shards;

  RedisKeys(String prefix, int shards) {
    this.prefix = prefix;
    this.shards = shards;
  }

  int shards() {
    return shards;
  }

  /** 32 hex digits of SHA-256(owner): fixed length, no separator or brace can leak into keys. */
  static String ownerHash(String owner) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  int shardOf(String owner) {
    String h = ownerHash(owner);
    return (int) (Long.parseLong(h.substring(0, 8), 16) % shards);
  }

  /** {@code P{sn}:}, the start of every key of shard n. */
  String shard(int n) {
    return prefix + "{s" + n + "}:";
  }

  String record(int n, String uploadId) {
    return shard(n) + "r:" + uploadId;
  }

  String history(int n, String uploadId) {
    return shard(n) + "h:" + uploadId;
  }

  String aliases(int n, String owner) {
    return shard(n) + ownerLevel(owner) + "alias";
  }

  String changes(int n) {
    return shard(n) + "changes";
  }

  String idPointer(String uploadId) {
    return prefix + "id:" + uploadId;
  }

  String meta() {
    return prefix + "meta";
  }

  // ---- suffixes inside a shard; a level is "g:" (whole shard) or "o:<h>:" (one owner) ----

  static String globalLevel() {
    return "g:";
  }

  static String ownerLevel(String owner) {
    return "o:" + ownerHash(owner) + ":";
  }

  static String sortIndex(String level, String field) {
    return level + "z:" + field;
  }

  static String visibility(String level, char vis) {
    return level + "v:" + vis;
  }

  static String status(String level, char vis, String status) {
    return level + "s:" + vis + ":" + safe(status);
  }

  static String tag(String level, char vis, String tag) {
    return level + "t:" + vis + ":" + safe(tag);
  }

  /** Ids of every record of the shard whose lower-cased name contains the gram (global only). */
  static String nameGram(String gram) {
    return globalLevel() + "n:" + safe(gram);
  }

  static String stats(String level) {
    return level + "stats";
  }

  /** Tags are free text: anything outside a safe set is percent-encoded (UTF-8). */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    return b.toString();
  }
}
