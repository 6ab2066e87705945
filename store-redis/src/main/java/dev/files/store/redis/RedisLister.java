package dev.files.store.redis;

import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.query.PageWindow;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.RecordOrder;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * files.list on Redis. No call does unbounded work: every Redis call reads at most {@code
 * batchSize} index members or records (ZRANGEBYLEX/ZREVRANGEBYLEX with LIMIT, ZMSCORE and HMGET
 * over one batch, ZCARD), however large the data.
 *
 * <p>The query becomes a {@link QueryPlan}; the sizes of its id sets ({@link
 * ShardFanOut#cardinalities}) let the {@link ListCost} choose between walking the sort index
 * ({@link SortIndexWalk}) and scanning the smallest id set ({@link IdSetScan}). Either chooses the
 * page's candidates; their records are then read whole and checked once more, so the result always
 * has the reference semantics: the indexes only choose candidates.
 */
final class RedisLister {
  private final ShardFanOut fanOut;
  private final SortIndexWalk walk;
  private final IdSetScan scan;
  private final RedisKeys keys;
  private final Set<String> sortIndexes;
  private final boolean nameGrams;

  RedisLister(RedisCalls calls, RedisKeys keys, RedisStoreConfig config) {
    this.fanOut = new ShardFanOut(calls, keys);
    this.scan = new IdSetScan(calls, keys, fanOut, config.batchSize());
    this.walk = new SortIndexWalk(calls, keys, fanOut, scan, config.batchSize());
    this.keys = keys;
    this.sortIndexes = config.sortIndexes();
    this.nameGrams = config.nameGrams();
  }

  Future<Page> list(ListQuery q) {
    QueryPlan plan = QueryPlan.of(q, keys, sortIndexes, nameGrams);
    return fanOut
        .cardinalities(plan)
        .compose(
            cards -> {
              ListCost cost = new ListCost(plan, cards);
              return cost.walks()
                  ? walk.select(plan, cost)
                  : scan.select(plan, cost.smallestIndex(), cost.smallest());
            })
        .compose(selection -> page(q, selection));
  }

  /** Reads the candidates after the offset whole, checks them again, and builds the page. */
  private Future<Page> page(ListQuery q, Selection selection) {
    List<Ref> wanted = PageWindow.window(q, selection.ordered());
    if (wanted.isEmpty()) {
      return Future.succeededFuture(Page.of(q, List.of(), selection.total()));
    }
    return fanOut
        .records(wanted)
        .map(
            records -> {
              List<FileRecord> items = new ArrayList<>(records.size());
              for (FileRecord r : records) {
                if (RecordMatcher.matches(q, r)
                    && (q.cursor() == null || RecordOrder.after(q.cursor(), r))) {
                  items.add(r);
                }
              }
              return Page.of(q, items, selection.total());
            });
  }
}
