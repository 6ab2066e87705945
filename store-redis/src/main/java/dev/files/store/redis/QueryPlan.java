package dev.files.store.redis;

import dev.files.model.Status;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import dev.files.store.query.FilterTerms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a list query maps onto the indexes: the level (one owner's indexes in one shard, or the
 * whole-shard indexes of every shard), the id sets every result must be in (visibility, status,
 * tags, and the shard's name-gram sets of a {@code name match} text: the owner's records are in the
 * same shard), and whether anything is left that only the records themselves can answer (residual).
 *
 * @param shards the shards to read
 * @param level {@code g:} or {@code o:<h>:}
 * @param required key suffixes of id sets (zsets) that every result is a member of; never empty
 * @param universe key suffix of the level's set of every record ({@code v:a})
 * @param residual whether the filter needs the records (then every candidate is read)
 * @param indexedSort whether the sort field has a sort index
 */
record QueryPlan(
    ListQuery query,
    List<Integer> shards,
    String level,
    List<String> required,
    String universe,
    boolean residual,
    boolean indexedSort) {

  /** The fields {@link dev.files.store.query.RecordMatcher#inScope} and the tag check read. */
  private static final List<String> SCOPE_FIELDS =
      List.of(
          "uploadId",
          "owner",
          "status",
          "temp",
          "unlisted",
          "deletedAt",
          "public",
          "directOnly",
          "tags");

  static QueryPlan of(ListQuery q, RedisKeys keys, Set<String> sortIndexes, boolean nameGrams) {
    List<Integer> shards = new ArrayList<>();
    String level;
    if (q.owner() != null) {
      level = RedisKeys.ownerLevel(q.owner());
      shards.add(keys.shardOf(q.owner()));
    } else {
      level = RedisKeys.globalLevel();
      for (int n = 0; n < keys.shards(); n++) {
        shards.add(n);
      }
    }
    boolean residual = false;
    char vis;
    if (q.scope() == Scope.ALL) {
      vis = IndexEntries.ALL;
      residual = q.publicOnly(); // public-and-not-directOnly without "listed" has no set
    } else {
      vis = q.publicOnly() ? IndexEntries.PUBLIC : IndexEntries.LISTED;
    }
    Set<String> required = new LinkedHashSet<>(); // sets of this visibility at this level
    Set<String> grams = new LinkedHashSet<>(); // sets of every record of the shard
    for (Filter f : FilterTerms.conjuncts(q.filter())) {
      if (f instanceof Filter.Condition c
          && c.field().equals("status")
          && c.op() == Op.EQ
          && c.value() instanceof String s
          && isStatus(s)) {
        required.add(RedisKeys.status(level, vis, s));
      } else {
        residual = true;
        if (nameGrams
            && f instanceof Filter.Condition c
            && c.field().equals("name")
            && c.op() == Op.MATCH
            && c.value() instanceof String text) {
          NameGrams.forQuery(text).forEach(g -> grams.add(RedisKeys.nameGram(g)));
        }
      }
    }
    if (vis == IndexEntries.ALL) {
      residual |= !q.tags().isEmpty(); // no tag sets over every record: see IndexEntries
    } else {
      for (String tag : q.tags()) {
        required.add(RedisKeys.tag(level, vis, tag));
      }
    }
    if (required.isEmpty()) {
      required.add(RedisKeys.visibility(level, vis));
    }
    required.addAll(grams);
    return new QueryPlan(
        q,
        List.copyOf(shards),
        level,
        List.copyOf(required),
        RedisKeys.visibility(level, IndexEntries.ALL),
        residual,
        sortIndexes.contains(q.sort().field()));
  }

  /** The sort index of the level. */
  String sortIndex() {
    return RedisKeys.sortIndex(level, query.sort().field());
  }

  /** Whether the walk must check candidates against id sets (it walks every record). */
  boolean needsMembership() {
    return !(required.size() == 1 && required.get(0).equals(universe));
  }

  /**
   * The fields a candidate's projection reads (HMGET): what scope and visibility need, the sort
   * field and every field the filter names.
   */
  List<String> projection() {
    Set<String> fields = new LinkedHashSet<>(SCOPE_FIELDS);
    fields.add(query.sort().field());
    fields.addAll(FilterTerms.fields(query.filter()));
    return List.copyOf(fields);
  }

  private static boolean isStatus(String s) {
    for (Status st : Status.values()) {
      if (st.wire().equals(s)) {
        return true;
      }
    }
    return false;
  }
}
