package dev.files.store.redis;

import dev.files.store.ListQuery;
import dev.files.store.query.PageWindow;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.RecordOrder;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The scan strategy of {@link RedisLister}: read the smallest required id set batch by batch, check
 * the other sets, read just the fields the query needs, evaluate them with the reference {@link
 * RecordMatcher}, count every match for the total and keep the best offset + limit + 1 in a bounded
 * heap ordered by {@link RecordOrder}.
 */
final class IdSetScan {
  private final RedisCalls calls;
  private final RedisKeys keys;
  private final ShardFanOut fanOut;
  private final int batch;

  IdSetScan(RedisCalls calls, RedisKeys keys, ShardFanOut fanOut, int batch) {
    this.calls = calls;
    this.keys = keys;
    this.fanOut = fanOut;
    this.batch = batch;
  }

  /** The page's candidates and the exact total, from the required set at {@code index}. */
  Future<Selection> select(QueryPlan plan, int index, long size) {
    if (size == 0) {
      return Future.succeededFuture(new Selection(List.of(), 0));
    }
    ListQuery q = plan.query();
    List<String> fields = plan.projection();
    Best best = new Best(q);
    return forEachBatch(
            plan,
            index,
            refs ->
                fanOut
                    .members(plan, refs, index)
                    .compose(kept -> fanOut.project(kept, fields))
                    .map(
                        candidates -> {
                          best.offer(candidates);
                          return null;
                        }))
        .map(v -> best.selection());
  }

  /** How many members of the set at {@code index} are in every other required set. */
  Future<Long> intersectionCount(QueryPlan plan, int index) {
    AtomicLong count = new AtomicLong();
    return forEachBatch(
            plan,
            index,
            refs ->
                fanOut
                    .members(plan, refs, index)
                    .map(
                        kept -> {
                          count.addAndGet(kept.size());
                          return null;
                        }))
        .map(v -> count.get());
  }

  /** The matches counted and the best of them kept, in a heap whose head is the worst kept. */
  private static final class Best {
    private final ListQuery q;
    private final Comparator<Ref.Projected> order;
    private final long keep;
    private final PriorityQueue<Ref.Projected> heap;
    private long total;

    Best(ListQuery q) {
      this.q = q;
      this.order = Comparator.comparing(Ref.Projected::record, RecordOrder.comparator(q.sort()));
      this.keep = PageWindow.need(q);
      this.heap = new PriorityQueue<>(order.reversed());
    }

    // shards' batches may complete on other threads
    synchronized void offer(List<Ref.Projected> candidates) {
      for (Ref.Projected c : candidates) {
        if (!RecordMatcher.matches(q, c.record())) {
          continue;
        }
        total++;
        if (q.cursor() != null && !RecordOrder.after(q.cursor(), c.record())) {
          continue;
        }
        if (heap.size() < keep) {
          heap.add(c);
        } else if (order.compare(c, heap.peek()) < 0) {
          heap.poll();
          heap.add(c);
        }
      }
    }

    synchronized Selection selection() {
      List<Ref.Projected> sorted = new ArrayList<>(heap);
      sorted.sort(order);
      return new Selection(sorted.stream().map(Ref.Projected::ref).toList(), total);
    }
  }

  /**
   * Reads the required set at {@code index} of every shard of the plan in batches (ZRANGEBYLEX with
   * an exclusive start: no member twice, none of those present throughout missed), handing each
   * batch to {@code each}. The shards are read side by side, each one batch at a time, so round
   * trips overlap; {@code each} runs on the store's context, never concurrently with itself.
   */
  private Future<Void> forEachBatch(
      QueryPlan plan, int index, Function<List<Ref>, Future<Void>> each) {
    List<Future<Void>> chains = new ArrayList<>(plan.shards().size());
    for (int shard : plan.shards()) {
      String key = keys.shard(shard) + plan.required().get(index);
      chains.add(batches(shard, key, "-", each));
    }
    return Future.all(chains).mapEmpty();
  }

  private Future<Void> batches(
      int shard, String key, String start, Function<List<Ref>, Future<Void>> each) {
    Request range =
        Request.cmd(Command.ZRANGEBYLEX)
            .arg(key)
            .arg(start)
            .arg("+")
            .arg("LIMIT")
            .arg(0)
            .arg(batch);
    return calls
        .send(range, "list")
        .compose(
            res -> {
              List<Ref> refs = new ArrayList<>(res.size());
              for (Response m : res) {
                refs.add(new Ref(shard, m.toString()));
              }
              if (refs.isEmpty()) {
                return Future.succeededFuture();
              }
              String next = "(" + refs.get(refs.size() - 1).uploadId();
              return each.apply(refs)
                  .compose(
                      v ->
                          refs.size() < batch
                              ? Future.succeededFuture()
                              : batches(shard, key, next, each));
            });
  }
}
