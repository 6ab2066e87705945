package dev.files.store.redis;

import dev.files.store.ListQuery;
import dev.files.store.query.PageWindow;

/**
 * The cost model that chooses how {@link RedisLister} answers a query, from the cardinalities of
 * the plan's required id sets and of the level's universe: walk the sort index in order and stop at
 * the page ({@link SortIndexWalk}), or read the smallest required set whole ({@link IdSetScan}).
 * Costs are counted in members or records read.
 */
final class ListCost {
  /**
   * How much more a walk may read than a scan of the smallest set and still be chosen, when it
   * reads index members only: a walked member costs a ZMSCORE check, a scanned one an HMGET of its
   * record's fields as well, about twice as much.
   */
  static final double INDEX_ONLY_WALK_MARGIN = 2.0;

  /** A walk with a residual filter reads each record it walks, as a scan does: no margin. */
  static final double RESIDUAL_WALK_MARGIN = 1.0;

  /** The walk's first read of each shard's sort index at least: one small round trip. */
  static final int MIN_FIRST_READ = 16;

  /**
   * Added to the first read's estimate: the hits are spread unevenly, and a few members more spare
   * the second round trip of a page whose estimate is just short.
   */
  static final int FIRST_READ_SLACK = 8;

  /** The lowest hit rate the first read is sized for, so that a tiny selection stays finite. */
  static final double MIN_HIT_RATE = 1e-6;

  private final QueryPlan plan;
  private final long[] cardinalities;
  private final int smallestIndex;

  /**
   * @param cardinalities the size of each required set (in the plan's order), then the universe's
   */
  ListCost(QueryPlan plan, long[] cardinalities) {
    this.plan = plan;
    this.cardinalities = cardinalities.clone();
    int smallest = 0;
    for (int i = 1; i < plan.required().size(); i++) {
      if (cardinalities[i] < cardinalities[smallest]) {
        smallest = i;
      }
    }
    this.smallestIndex = smallest;
  }

  /** The index of the smallest required set in the plan. */
  int smallestIndex() {
    return smallestIndex;
  }

  /** The size of the smallest required set: what a scan reads. */
  long smallest() {
    return cardinalities[smallestIndex];
  }

  /** The number of records at the plan's level. */
  long universe() {
    return cardinalities[plan.required().size()];
  }

  /** Whether walking the sort index is cheaper than scanning the smallest set. */
  boolean walks() {
    ListQuery q = plan.query();
    // A residual filter needs every candidate read for an exact total: only a query without one
    // may walk and stop at its page.
    boolean walkable = !plan.residual() || !q.countTotal();
    if (!walkable || !plan.indexedSort() || smallest() == 0) {
      return false;
    }
    double margin = plan.residual() ? RESIDUAL_WALK_MARGIN : INDEX_ONLY_WALK_MARGIN;
    return walkCost() <= margin * smallest();
  }

  /**
   * The members a walk reads: the page's need divided by the share of walked members that are in
   * every required set, plus the smallest set read again for a total over several sets.
   */
  private double walkCost() {
    ListQuery q = plan.query();
    long need = PageWindow.need(q);
    if (!plan.needsMembership()) {
      return need;
    }
    long totalCost = plan.required().size() > 1 && q.countTotal() ? smallest() : 0;
    return (double) need * universe() / Math.max(1, smallest()) + totalCost;
  }

  /** How many members the walk reads first from each shard: about what the page needs. */
  int firstRead(int batch) {
    double hitRate = plan.needsMembership() ? (double) smallest() / Math.max(1, universe()) : 1.0;
    double estimate = PageWindow.need(plan.query()) / Math.max(hitRate, MIN_HIT_RATE);
    return (int) Math.min(batch, Math.max(MIN_FIRST_READ, estimate + FIRST_READ_SLACK));
  }
}
