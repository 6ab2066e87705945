package dev.files.store.redis;

import dev.files.store.Direction;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.query.PageWindow;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The walk strategy of {@link RedisLister}: walk the sort index from the cursor in order, merging
 * the shards' indexes read by read, keep the members of the required id sets (ZMSCORE) whose
 * projected fields match the residual filter (HMGET, only when there is one), stop after offset +
 * limit + 1 hits. The total is the required set's size (one set) or an incremental intersection
 * count (several); a query without {@link ListQuery#countTotal()} skips it, so its page costs what
 * the walk reads, not what the whole selection holds.
 */
final class SortIndexWalk {
  private final RedisCalls calls;
  private final RedisKeys keys;
  private final ShardFanOut fanOut;
  private final IdSetScan scan;
  private final int batch;

  SortIndexWalk(RedisCalls calls, RedisKeys keys, ShardFanOut fanOut, IdSetScan scan, int batch) {
    this.calls = calls;
    this.keys = keys;
    this.fanOut = fanOut;
    this.scan = scan;
    this.batch = batch;
  }

  /** The page's candidates and the total, walking the plan's sort index. */
  Future<Selection> select(QueryPlan plan, ListCost cost) {
    ListQuery q = plan.query();
    boolean asc = q.sort().direction() == Direction.ASC;
    String start =
        q.cursor() == null
            ? (asc ? "-" : "+")
            : "(" + SortKey.member(q.cursor().value(), q.cursor().uploadId());
    List<SortIndexCursor> cursors = new ArrayList<>();
    for (int shard : plan.shards()) {
      String key = keys.shard(shard) + plan.sortIndex();
      cursors.add(new SortIndexCursor(calls, shard, key, asc, start, cost.firstRead(batch), batch));
    }
    Future<Long> total = total(plan, cost);
    Walk walk = new Walk(plan, cursors, asc ? SortKey.BYTES : SortKey.BYTES.reversed());
    return walk.step().compose(v -> total).map(t -> new Selection(walk.hits, t));
  }

  private Future<Long> total(QueryPlan plan, ListCost cost) {
    if (!plan.query().countTotal()) {
      return Future.succeededFuture(Page.UNCOUNTED);
    }
    return plan.required().size() == 1
        ? Future.succeededFuture(cost.smallest())
        : scan.intersectionCount(plan, cost.smallestIndex());
  }

  /** The state of one walk. */
  private final class Walk {
    final QueryPlan plan;
    final List<SortIndexCursor> cursors;
    final Comparator<String> order;
    final long need;
    final List<String> fields;
    final List<Ref> hits = new ArrayList<>();

    Walk(QueryPlan plan, List<SortIndexCursor> cursors, Comparator<String> order) {
      this.plan = plan;
      this.cursors = cursors;
      this.order = order;
      this.need = PageWindow.need(plan.query());
      this.fields = plan.residual() ? plan.projection() : List.of();
    }

    Future<Void> step() {
      if (hits.size() >= need) {
        return Future.succeededFuture();
      }
      List<Future<Void>> fills = new ArrayList<>();
      for (SortIndexCursor c : cursors) {
        if (c.empty() && !c.exhausted()) {
          fills.add(c.fill());
        }
      }
      return Future.all(fills)
          .compose(
              x -> {
                List<Ref> chunk = mergeChunk();
                if (chunk.isEmpty()) {
                  return Future.succeededFuture();
                }
                return check(chunk).compose(this::keep);
              });
    }

    private Future<List<Ref>> check(List<Ref> chunk) {
      Future<List<Ref>> checked =
          plan.needsMembership() ? fanOut.members(plan, chunk, -1) : Future.succeededFuture(chunk);
      return plan.residual()
          ? checked.compose(kept -> fanOut.matching(plan.query(), kept, fields))
          : checked;
    }

    private Future<Void> keep(List<Ref> kept) {
      for (Ref r : kept) {
        if (hits.size() < need) {
          hits.add(r);
        }
      }
      return step();
    }

    /**
     * Takes members in merged order while every shard that may still have more has some buffered: a
     * shard's next member could otherwise come before what is taken.
     */
    private List<Ref> mergeChunk() {
      List<Ref> chunk = new ArrayList<>();
      while (chunk.size() < batch) {
        SortIndexCursor best = null;
        for (SortIndexCursor c : cursors) {
          if (c.empty()) {
            if (!c.exhausted()) {
              return chunk;
            }
            continue;
          }
          if (best == null || order.compare(c.peek(), best.peek()) < 0) {
            best = c;
          }
        }
        if (best == null) {
          return chunk;
        }
        chunk.add(best.take());
      }
      return chunk;
    }
  }
}
