package dev.files.store.redis;

import dev.files.model.Fields;
import dev.files.model.FileRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The index entries of one record, computed here and applied by the write script in the same atomic
 * step as the record. They are stored with the record ({@code _ix}) so the next write removes
 * exactly what this one added, whatever code version computed it. Encoding (JSON): {@code {"z":
 * [[member, keySuffix...]...], "c": [[keySuffix, field, "delta"]...]}}: zset members (score 0) and
 * counter increments (HINCRBY), keys relative to the shard prefix.
 */
final class IndexEntries {
  /** Every built-in filterable field has a sort index. */
  static final Set<String> SORTED = sortedFields();

  /** Visibility classes: all, listed, listed for everyone. */
  static final char ALL = 'a';

  static final char LISTED = 'l';
  static final char PUBLIC = 'p';

  private final JsonArray zsets = new JsonArray();
  private final JsonArray counters = new JsonArray();
  private final Set<String> keys = new LinkedHashSet<>();

  private IndexEntries() {}

  static IndexEntries of(FileRecord r) {
    IndexEntries e = new IndexEntries();
    List<String> levels = List.of(RedisKeys.globalLevel(), RedisKeys.ownerLevel(r.owner()));
    for (String field : SORTED) {
      String member = SortKey.member(r.field(field), r.uploadId());
      List<String> ks = new ArrayList<>();
      for (String level : levels) {
        ks.add(RedisKeys.sortIndex(level, field));
      }
      e.zset(member, ks);
    }
    List<String> idKeys = new ArrayList<>();
    for (char vis : visibilities(r)) {
      for (String level : levels) {
        idKeys.add(RedisKeys.visibility(level, vis));
        idKeys.add(RedisKeys.status(level, vis, r.status().wire()));
        for (String tag : r.tags()) {
          idKeys.add(RedisKeys.tag(level, vis, tag));
        }
      }
    }
    e.zset(r.uploadId(), idKeys);
    if (r.listed()) {
      for (String level : levels) {
        String stats = RedisKeys.stats(level);
        e.count(stats, "n", 1);
        e.count(stats, "len", r.contentLength());
        e.count(stats, "st:" + r.status().wire(), 1);
        if (r.isPublic()) {
          e.count(stats, "pub", 1);
          e.count(stats, "publen", r.contentLength());
        }
      }
    }
    return e;
  }

  static List<Character> visibilities(FileRecord r) {
    List<Character> v = new ArrayList<>(3);
    v.add(ALL);
    if (r.listed()) {
      v.add(LISTED);
      if (r.publiclyListed()) {
        v.add(PUBLIC);
      }
    }
    return v;
  }

  /** The {@code _ix} value. */
  String encoded() {
    return new JsonObject().put("z", zsets).put("c", counters).encode();
  }

  /** Every key suffix the entries touch. */
  Set<String> keys() {
    return keys;
  }

  private void zset(String member, List<String> ks) {
    JsonArray a = new JsonArray().add(member);
    ks.forEach(a::add);
    zsets.add(a);
    keys.addAll(ks);
  }

  private void count(String key, String field, long delta) {
    if (delta != 0) { // HINCRBY cannot take "-0" when the entry is undone
      counters.add(new JsonArray().add(key).add(field).add(Long.toString(delta)));
      keys.add(key);
    }
  }

  private static Set<String> sortedFields() {
    Set<String> s = new TreeSet<>();
    s.addAll(Fields.STRINGS);
    s.addAll(Fields.NUMBERS);
    s.addAll(Fields.BOOLEANS);
    return Set.copyOf(s);
  }
}
