package dev.files.store.redis;

import dev.files.model.FileRecord;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.query.RecordMatcher;
import dev.files.store.query.RecordOrder;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * files.list on Redis. No call does unbounded work: every Redis call reads at most {@code
 * batchSize} index members or records (ZRANGEBYLEX/ZREVRANGEBYLEX with LIMIT, ZMSCORE and HMGET
 * over one batch, ZCARD), however large the data. Two strategies:
 *
 * <ul>
 *   <li><b>walk</b> (sort field indexed; no residual filter, or no total asked for): walk the sort
 *       index from the cursor in order, merging the shards' indexes batch by batch, keep the
 *       members of the required id sets (ZMSCORE) whose projected fields match the residual filter
 *       (HMGET, only when there is one), stop after offset + limit + 1 hits. The total is the
 *       required set's ZCARD (one set) or an incremental intersection count (several); a query
 *       without {@link ListQuery#countTotal()} skips it, so its page costs what the walk reads, not
 *       what the whole selection holds.
 *   <li><b>scan</b> (anything else, or when the required sets are far smaller than what a walk
 *       would read): read the smallest required id set batch by batch, check the other sets, read
 *       just the fields the query needs (HMGET, pipelined), evaluate them with the reference {@link
 *       RecordMatcher}, count every match for the total and keep the best offset + limit + 1 in a
 *       bounded heap ordered by {@link RecordOrder}.
 * </ul>
 *
 * The page's records are then read whole and checked once more, so the result always has the
 * reference semantics; the indexes only choose candidates.
 */
final class RedisLister {
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

  private final RedisCalls calls;
  private final RedisKeys keys;
  private final int batch;
  private final Set<String> sortIndexes;
  private final boolean nameGrams;

  RedisLister(RedisCalls calls, RedisKeys keys, RedisStoreConfig config) {
    this.calls = calls;
    this.keys = keys;
    this.batch = config.batchSize();
    this.sortIndexes = config.sortIndexes();
    this.nameGrams = config.nameGrams();
  }

  /** One candidate: the shard that holds it and its uploadId. */
  record Ref(int shard, String uploadId) {}

  Future<Page> list(ListQuery q) {
    QueryPlan plan = QueryPlan.of(q, keys, sortIndexes, nameGrams);
    return cardinalities(plan)
        .compose(
            cards -> {
              long need = (long) q.offset() + q.limit() + 1;
              long smallest = Long.MAX_VALUE;
              int smallestIndex = 0;
              for (int i = 0; i < plan.required().size(); i++) {
                if (cards[i] < smallest) {
                  smallest = cards[i];
                  smallestIndex = i;
                }
              }
              long universe = cards[plan.required().size()];
              // A residual filter needs every candidate read for an exact total: only a query
              // without one may walk and stop at its page.
              boolean walkable = !plan.residual() || !q.countTotal();
              if (!walkable || !plan.indexedSort() || smallest == 0) {
                return scan(plan, smallestIndex, smallest);
              }
              double walkCost =
                  plan.needsMembership()
                      ? (double) need * universe / Math.max(1, smallest)
                          + (plan.required().size() > 1 && q.countTotal() ? smallest : 0)
                      : need;
              // A residual walk reads each record it walks, as a scan does: no margin for it.
              double margin = plan.residual() ? 1.0 : 2.0;
              return walkCost <= margin * smallest
                  ? walk(plan, smallestIndex, smallest, universe)
                  : scan(plan, smallestIndex, smallest);
            });
  }

  // ---- cardinalities: ZCARD of each required set and of the universe, summed over shards ----

  private Future<long[]> cardinalities(QueryPlan plan) {
    List<String> sets = new ArrayList<>(plan.required());
    sets.add(plan.universe());
    List<Future<List<Response>>> perShard = new ArrayList<>();
    for (int shard : plan.shards()) {
      List<Request> reqs = new ArrayList<>();
      for (String set : sets) {
        reqs.add(Request.cmd(Command.ZCARD).arg(keys.shard(shard) + set));
      }
      perShard.add(calls.batch(reqs, "list"));
    }
    return Future.all(perShard)
        .map(
            all -> {
              long[] cards = new long[sets.size()];
              for (int s = 0; s < perShard.size(); s++) {
                List<Response> r = all.resultAt(s);
                for (int i = 0; i < cards.length; i++) {
                  cards[i] += r.get(i).toLong();
                }
              }
              return cards;
            });
  }

  // ---- walk ----

  /** One shard's sort index, read in order batch by batch. */
  private final class Source {
    final int shard;
    final String key;
    String start;
    final List<String> buffer = new ArrayList<>();
    int head;
    boolean exhausted;

    /** Members to read next: starts near what the page needs, doubles up to the batch size. */
    int size;

    Source(int shard, String key, String start, int firstSize) {
      this.shard = shard;
      this.key = key;
      this.start = start;
      this.size = firstSize;
    }

    boolean empty() {
      return head >= buffer.size();
    }

    Future<Void> fill(boolean asc) {
      Request r =
          asc
              ? Request.cmd(Command.ZRANGEBYLEX).arg(key).arg(start).arg("+")
              : Request.cmd(Command.ZREVRANGEBYLEX).arg(key).arg(start).arg("-");
      int asked = size;
      size = Math.min(batch, size * 2);
      r.arg("LIMIT").arg(0).arg(asked);
      return calls
          .send(r, "list")
          .map(
              res -> {
                buffer.clear();
                head = 0;
                for (Response m : res) {
                  buffer.add(m.toString());
                }
                exhausted = buffer.size() < asked;
                if (!buffer.isEmpty()) {
                  start = "(" + buffer.get(buffer.size() - 1);
                }
                return null;
              });
    }
  }

  private Future<Page> walk(QueryPlan plan, int smallestIndex, long smallest, long universe) {
    ListQuery q = plan.query();
    boolean asc = q.sort().direction() == Direction.ASC;
    String start =
        q.cursor() == null
            ? (asc ? "-" : "+")
            : "(" + SortKey.member(q.cursor().value(), q.cursor().uploadId());
    long need = (long) q.offset() + q.limit() + 1;
    double hitRate = plan.needsMembership() ? (double) smallest / Math.max(1, universe) : 1.0;
    int firstSize = (int) Math.min(batch, Math.max(16, need / Math.max(hitRate, 1e-6) + 8));
    List<Source> sources = new ArrayList<>();
    for (int shard : plan.shards()) {
      sources.add(new Source(shard, keys.shard(shard) + plan.sortIndex(), start, firstSize));
    }
    Comparator<String> order = asc ? SortKey.BYTES : SortKey.BYTES.reversed();
    List<Ref> hits = new ArrayList<>();
    Future<Long> total =
        !q.countTotal()
            ? Future.succeededFuture(Page.UNCOUNTED)
            : plan.required().size() == 1
                ? Future.succeededFuture(smallest)
                : intersectionCount(plan, smallestIndex);
    List<String> fields = plan.residual() ? projection(q) : List.of();
    return walkStep(plan, sources, order, asc, need, fields, hits)
        .compose(v -> total)
        .compose(t -> page(q, hits, t));
  }

  private Future<Void> walkStep(
      QueryPlan plan,
      List<Source> sources,
      Comparator<String> order,
      boolean asc,
      long need,
      List<String> fields,
      List<Ref> hits) {
    if (hits.size() >= need) {
      return Future.succeededFuture();
    }
    List<Future<Void>> fills = new ArrayList<>();
    for (Source s : sources) {
      if (s.empty() && !s.exhausted) {
        fills.add(s.fill(asc));
      }
    }
    return Future.all(fills)
        .compose(
            x -> {
              List<Ref> chunk = mergeChunk(sources, order);
              if (chunk.isEmpty()) {
                return Future.succeededFuture();
              }
              Future<List<Ref>> checked =
                  plan.needsMembership() ? members(plan, chunk, -1) : Future.succeededFuture(chunk);
              if (plan.residual()) {
                checked = checked.compose(kept -> matching(plan.query(), kept, fields));
              }
              return checked.compose(
                  kept -> {
                    for (Ref r : kept) {
                      if (hits.size() < need) {
                        hits.add(r);
                      }
                    }
                    return walkStep(plan, sources, order, asc, need, fields, hits);
                  });
            });
  }

  /**
   * Takes members in merged order while every shard that may still have more has some buffered: a
   * shard's next member could otherwise come before what is taken.
   */
  private List<Ref> mergeChunk(List<Source> sources, Comparator<String> order) {
    List<Ref> chunk = new ArrayList<>();
    while (chunk.size() < batch) {
      Source best = null;
      for (Source s : sources) {
        if (s.empty()) {
          if (!s.exhausted) {
            return chunk;
          }
          continue;
        }
        if (best == null || order.compare(s.buffer.get(s.head), best.buffer.get(best.head)) < 0) {
          best = s;
        }
      }
      if (best == null) {
        return chunk;
      }
      chunk.add(new Ref(best.shard, SortKey.uploadIdOf(best.buffer.get(best.head++))));
    }
    return chunk;
  }

  /**
   * The refs that are members of every required set but the one at {@code known} (-1: none is known
   * to hold them), in their order: one ZMSCORE per set and shard.
   */
  private Future<List<Ref>> members(QueryPlan plan, List<Ref> refs, int known) {
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < plan.required().size(); i++) {
      if (i != known) {
        sets.add(plan.required().get(i));
      }
    }
    if (sets.isEmpty() || refs.isEmpty()) {
      return Future.succeededFuture(refs);
    }
    return perShard(
        refs,
        (shard, ofShard) -> {
          List<Request> reqs = new ArrayList<>();
          for (String set : sets) {
            Request r = Request.cmd(Command.ZMSCORE).arg(keys.shard(shard) + set);
            ofShard.forEach(ref -> r.arg(ref.uploadId()));
            reqs.add(r);
          }
          return calls
              .batch(reqs, "list")
              .map(
                  replies -> {
                    List<Ref> kept = new ArrayList<>();
                    for (int i = 0; i < ofShard.size(); i++) {
                      boolean all = true;
                      for (Response reply : replies) {
                        all &= reply.get(i) != null;
                      }
                      kept.add(all ? ofShard.get(i) : null);
                    }
                    return kept;
                  });
        });
  }

  /**
   * Runs one pipelined step per shard over that shard's refs (a batch never spans Cluster slots)
   * and returns the step's per-ref results back in the refs' order, nulls dropped.
   */
  private <T> Future<List<T>> perShard(
      List<Ref> refs, java.util.function.BiFunction<Integer, List<Ref>, Future<List<T>>> step) {
    java.util.Map<Integer, List<Integer>> positions = new java.util.LinkedHashMap<>();
    for (int i = 0; i < refs.size(); i++) {
      positions.computeIfAbsent(refs.get(i).shard(), k -> new ArrayList<>()).add(i);
    }
    List<Integer> shards = new ArrayList<>(positions.keySet());
    List<Future<List<T>>> steps = new ArrayList<>();
    for (int shard : shards) {
      List<Ref> ofShard = positions.get(shard).stream().map(refs::get).toList();
      steps.add(step.apply(shard, ofShard));
    }
    return Future.all(steps)
        .map(
            all -> {
              List<T> slots = new ArrayList<>(java.util.Collections.nCopies(refs.size(), null));
              for (int s = 0; s < shards.size(); s++) {
                List<Integer> at = positions.get(shards.get(s));
                List<T> results = all.resultAt(s);
                for (int i = 0; i < at.size(); i++) {
                  slots.set(at.get(i), results.get(i));
                }
              }
              slots.removeIf(java.util.Objects::isNull);
              return slots;
            });
  }

  /** The refs whose projected fields match the query's residual filter, in their order. */
  private Future<List<Ref>> matching(ListQuery q, List<Ref> refs, List<String> fields) {
    return project(refs, fields)
        .map(
            candidates ->
                candidates.stream()
                    .filter(c -> RecordMatcher.matches(q, c.record()))
                    .map(Candidate::ref)
                    .toList());
  }

  private Future<Long> intersectionCount(QueryPlan plan, int smallestIndex) {
    java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    return forEachBatch(
            plan,
            smallestIndex,
            refs ->
                members(plan, refs, smallestIndex)
                    .map(
                        kept -> {
                          count.addAndGet(kept.size());
                          return null;
                        }))
        .map(v -> count.get());
  }

  // ---- scan ----

  private Future<Page> scan(QueryPlan plan, int smallestIndex, long smallest) {
    ListQuery q = plan.query();
    List<String> fields = projection(q);
    Comparator<Candidate> order =
        Comparator.comparing(Candidate::record, RecordOrder.comparator(q.sort()));
    long keep = (long) q.offset() + q.limit() + 1;
    PriorityQueue<Candidate> best = new PriorityQueue<>(order.reversed());
    long[] total = {0};
    if (smallest == 0) {
      return page(q, List.of(), 0);
    }
    return forEachBatch(
            plan,
            smallestIndex,
            refs ->
                members(plan, refs, smallestIndex)
                    .compose(kept -> project(kept, fields))
                    .map(
                        candidates -> {
                          synchronized (best) { // shards' batches may complete on other threads
                            keepMatches(q, candidates, best, order, keep, total);
                          }
                          return null;
                        }))
        .compose(
            v -> {
              List<Candidate> sorted;
              long matches;
              synchronized (best) {
                sorted = new ArrayList<>(best);
                matches = total[0];
              }
              sorted.sort(order);
              List<Ref> refs = sorted.stream().map(Candidate::ref).toList();
              return page(q, refs, matches);
            });
  }

  /** Counts the matches of a batch and keeps the best {@code keep} of them in {@code best}. */
  private static void keepMatches(
      ListQuery q,
      List<Candidate> candidates,
      PriorityQueue<Candidate> best,
      Comparator<Candidate> order,
      long keep,
      long[] total) {
    for (Candidate c : candidates) {
      if (!RecordMatcher.matches(q, c.record())) {
        continue;
      }
      total[0]++;
      if (q.cursor() != null && !RecordOrder.after(q.cursor(), c.record())) {
        continue;
      }
      if (best.size() < keep) {
        best.add(c);
      } else if (order.compare(c, best.peek()) < 0) {
        best.poll();
        best.add(c);
      }
    }
  }

  private record Candidate(Ref ref, FileRecord record) {}

  private static List<String> projection(ListQuery q) {
    Set<String> f = new LinkedHashSet<>(SCOPE_FIELDS);
    f.add(q.sort().field());
    addFields(q.filter(), f);
    return List.copyOf(f);
  }

  private static void addFields(Filter filter, Set<String> out) {
    if (filter instanceof Filter.All all) {
      all.filters().forEach(each -> addFields(each, out));
    } else if (filter instanceof Filter.AnyMatch any) {
      out.addAll(any.fields());
    } else if (filter instanceof Filter.Condition c) {
      out.add(c.field());
    }
  }

  /**
   * The named fields of each record: one HMGET per record, pipelined per shard and batch (small
   * commands, so other clients' commands interleave). Vanished records drop out.
   */
  private Future<List<Candidate>> project(List<Ref> refs, List<String> fields) {
    return perShard(
        refs,
        (shard, ofShard) -> {
          List<Request> reqs = new ArrayList<>();
          for (Ref ref : ofShard) {
            Request r = Request.cmd(Command.HMGET).arg(keys.record(shard, ref.uploadId()));
            fields.forEach(r::arg);
            reqs.add(r);
          }
          return calls
              .batch(reqs, "list")
              .map(
                  replies -> {
                    List<Candidate> out = new ArrayList<>(ofShard.size());
                    for (int i = 0; i < ofShard.size(); i++) {
                      FileRecord partial = RecordCodec.fromProjection(fields, replies.get(i));
                      out.add(partial == null ? null : new Candidate(ofShard.get(i), partial));
                    }
                    return out;
                  });
        });
  }

  /**
   * Reads the required set at {@code index} of every shard of the plan in batches (ZRANGEBYLEX with
   * an exclusive start: no member twice, none of those present throughout missed), handing each
   * batch to {@code each}. The shards are read side by side, each one batch at a time, so round
   * trips overlap; {@code each} runs on the store's context, never concurrently with itself.
   */
  private Future<Void> forEachBatch(
      QueryPlan plan, int index, java.util.function.Function<List<Ref>, Future<Void>> each) {
    List<Future<Void>> chains = new ArrayList<>(plan.shards().size());
    for (int shard : plan.shards()) {
      String key = keys.shard(shard) + plan.required().get(index);
      chains.add(batches(shard, key, "-", each));
    }
    return Future.all(chains).mapEmpty();
  }

  private Future<Void> batches(
      int shard,
      String key,
      String start,
      java.util.function.Function<List<Ref>, Future<Void>> each) {
    return calls
        .send(
            Request.cmd(Command.ZRANGEBYLEX)
                .arg(key)
                .arg(start)
                .arg("+")
                .arg("LIMIT")
                .arg(0)
                .arg(batch),
            "list")
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

  // ---- the page ----

  /** Reads the records after the offset whole, checks them again, and builds the page. */
  private Future<Page> page(ListQuery q, List<Ref> ordered, long total) {
    List<Ref> wanted = ordered.subList(Math.min(q.offset(), ordered.size()), ordered.size());
    if (wanted.isEmpty()) {
      return Future.succeededFuture(Page.of(q, List.of(), total));
    }
    return perShard(
            wanted,
            (shard, ofShard) -> {
              List<Request> reqs = new ArrayList<>();
              for (Ref ref : ofShard) {
                reqs.add(Request.cmd(Command.HGETALL).arg(keys.record(shard, ref.uploadId())));
              }
              return calls
                  .batch(reqs, "list")
                  .map(replies -> replies.stream().map(RecordCodec::fromHash).toList());
            })
        .map(
            records -> {
              List<FileRecord> items = new ArrayList<>(records.size());
              for (FileRecord r : records) {
                if (RecordMatcher.matches(q, r)
                    && (q.cursor() == null || RecordOrder.after(q.cursor(), r))) {
                  items.add(r);
                }
              }
              return Page.of(q, items, total);
            });
  }
}
