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
 * step as the record, at both levels ({@code g:} the shard, {@code o:<h>:} the owner). They are
 * stored with the record ({@code _ix}) so the next write removes exactly what this one added,
 * whatever code version computed them. Encoding (JSON, kept small because every record carries it):
 *
 * <pre>
 * {"z": {field: SortKey value, ...},   member SortKey value \0 uploadId in &lt;level&gt;z:&lt;field&gt;
 *  "i": [set suffix, ...],              member uploadId in &lt;level&gt;&lt;suffix&gt; (v:l, s:l:processed, t:p:red)
 *  "c": [[counter, "delta"], ...],     HINCRBY &lt;level&gt;stats counter delta
 *  "n": [gram, ...]}                    member uploadId in g:n:&lt;gram&gt; (whole shard only)
 * </pre>
 */
final class IndexEntries {
  /** Every built-in filterable field: the default sort indexes. */
  static final Set<String> BUILT_IN = builtIn();

  /** Visibility classes: all, listed, listed for everyone. */
  static final char ALL = 'a';

  static final char LISTED = 'l';
  static final char PUBLIC = 'p';

  private final JsonObject sortValues = new JsonObject();
  private final JsonArray idSets = new JsonArray();
  private final JsonArray counters = new JsonArray();
  private final JsonArray grams = new JsonArray();
  private final List<String> gramKeys = new ArrayList<>();
  private final List<String> levels;

  private IndexEntries(List<String> levels) {
    this.levels = levels;
  }

  static List<String> levels(String owner) {
    return List.of(RedisKeys.globalLevel(), RedisKeys.ownerLevel(owner));
  }

  static IndexEntries of(FileRecord r, Set<String> sorted, boolean nameGrams) {
    IndexEntries e = new IndexEntries(levels(r.owner()));
    for (String field : sorted) {
      e.sortValues.put(field, SortKey.value(r.field(field)));
    }
    for (char vis : visibilities(r)) {
      e.idSets.add("v:" + vis);
      e.idSets.add(RedisKeys.status("", vis, r.status().wire()));
      if (vis != ALL) { // tag filters of maintenance scans (scope ALL) are rare: no sets
        for (String tag : r.tags()) {
          e.idSets.add(RedisKeys.tag("", vis, tag));
        }
      }
    }
    for (String gram : nameGrams ? NameGrams.of(r.name()) : Set.<String>of()) {
      e.grams.add(RedisKeys.safe(gram));
      e.gramKeys.add(RedisKeys.nameGram(gram));
    }
    if (r.listed()) {
      e.count("n", 1);
      e.count("len", r.contentLength());
      e.count("st:" + r.status().wire(), 1);
      if (r.isPublic()) {
        e.count("pub", 1);
        e.count("publen", r.contentLength());
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
    return new JsonObject()
        .put("z", sortValues)
        .put("i", idSets)
        .put("c", counters)
        .put("n", grams)
        .encode();
  }

  /** Every key suffix (after the shard prefix) the entries touch, at both levels. */
  Set<String> keys() {
    Set<String> out = new LinkedHashSet<>();
    for (String level : levels) {
      sortValues.fieldNames().forEach(f -> out.add(RedisKeys.sortIndex(level, f)));
      idSets.forEach(s -> out.add(level + s));
      if (!counters.isEmpty()) {
        out.add(RedisKeys.stats(level));
      }
    }
    out.addAll(gramKeys);
    return out;
  }

  private void count(String field, long delta) {
    if (delta != 0) { // HINCRBY cannot take "-0" when the entry is undone
      counters.add(new JsonArray().add(field).add(Long.toString(delta)));
    }
  }

  private static Set<String> builtIn() {
    Set<String> s = new TreeSet<>();
    s.addAll(Fields.STRINGS);
    s.addAll(Fields.NUMBERS);
    s.addAll(Fields.BOOLEANS);
    return Set.copyOf(s);
  }
}
