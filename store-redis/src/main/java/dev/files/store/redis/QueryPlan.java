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
    String level = q.owner() != null ? RedisKeys.ownerLevel(q.owner()) : RedisKeys.globalLevel();
    char vis = visibility(q);
    // scope ALL with publicOnly: public-and-not-directOnly without "listed" has no set
    boolean residual = q.scope() == Scope.ALL && q.publicOnly();
    Set<String> required = new LinkedHashSet<>(); // sets of this visibility at this level
    Set<String> grams = new LinkedHashSet<>(); // sets of every record of the shard
    for (Filter f : FilterTerms.conjuncts(q.filter())) {
      String status = statusEquality(f);
      if (status != null) {
        required.add(RedisKeys.status(level, vis, status));
      } else {
        residual = true;
        if (nameGrams) {
          grams.addAll(nameGramSets(f));
        }
      }
    }
    if (vis == IndexEntries.ALL) {
      residual |= !q.tags().isEmpty(); // no tag sets over every record: see IndexEntries
    } else {
      q.tags().forEach(tag -> required.add(RedisKeys.tag(level, vis, tag)));
    }
    if (required.isEmpty()) {
      required.add(RedisKeys.visibility(level, vis));
    }
    required.addAll(grams);
    return new QueryPlan(
        q,
        shards(q, keys),
        level,
        List.copyOf(required),
        RedisKeys.visibility(level, IndexEntries.ALL),
        residual,
        sortIndexes.contains(q.sort().field()));
  }

  /** The owner's shard, or every shard. */
  private static List<Integer> shards(ListQuery q, RedisKeys keys) {
    if (q.owner() != null) {
      return List.of(keys.shardOf(q.owner()));
    }
    List<Integer> shards = new ArrayList<>();
    for (int n = 0; n < keys.shards(); n++) {
      shards.add(n);
    }
    return List.copyOf(shards);
  }

  /** The visibility whose sets hold the query's candidates. */
  private static char visibility(ListQuery q) {
    if (q.scope() == Scope.ALL) {
      return IndexEntries.ALL;
    }
    return q.publicOnly() ? IndexEntries.PUBLIC : IndexEntries.LISTED;
  }

  /** The status of a {@code status eq <status>} condition, which has a set; else null. */
  private static String statusEquality(Filter f) {
    return f instanceof Filter.Condition c
            && c.field().equals("status")
            && c.op() == Op.EQ
            && c.value() instanceof String s
            && isStatus(s)
        ? s
        : null;
  }

  /** The gram sets that narrow a {@code name match <text>} condition; none for other filters. */
  private static Set<String> nameGramSets(Filter f) {
    Set<String> sets = new LinkedHashSet<>();
    if (f instanceof Filter.Condition c
        && c.field().equals("name")
        && c.op() == Op.MATCH
        && c.value() instanceof String text) {
      NameGrams.forQuery(text).forEach(g -> sets.add(RedisKeys.nameGram(g)));
    }
    return sets;
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
