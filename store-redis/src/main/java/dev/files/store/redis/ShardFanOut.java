package dev.files.store.redis;

import dev.files.model.FileRecord;
import dev.files.store.ListQuery;
import dev.files.store.query.RecordMatcher;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The list's reads that span shards: each shard gets one pipelined batch of small commands (a batch
 * never spans Cluster slots, and other clients' commands interleave between them), and the
 * per-candidate answers come back in the candidates' order.
 */
final class ShardFanOut {
  private final RedisCalls calls;
  private final RedisKeys keys;

  ShardFanOut(RedisCalls calls, RedisKeys keys) {
    this.calls = calls;
    this.keys = keys;
  }

  /** ZCARD of each required set and then of the universe, summed over the plan's shards. */
  Future<long[]> cardinalities(QueryPlan plan) {
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

  /**
   * The refs that are members of every required set but the one at {@code known} (-1: none is known
   * to hold them), in their order: one ZMSCORE per set and shard.
   */
  Future<List<Ref>> members(QueryPlan plan, List<Ref> refs, int known) {
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
          return calls.batch(reqs, "list").map(replies -> inEvery(ofShard, replies));
        });
  }

  /** Each ref whose score every ZMSCORE reply holds, null for the others. */
  private static List<Ref> inEvery(List<Ref> refs, List<Response> replies) {
    List<Ref> kept = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      boolean all = true;
      for (Response reply : replies) {
        all &= reply.get(i) != null;
      }
      kept.add(all ? refs.get(i) : null);
    }
    return kept;
  }

  /** The refs whose projected fields match the query's filter, in their order. */
  Future<List<Ref>> matching(ListQuery q, List<Ref> refs, List<String> fields) {
    return project(refs, fields)
        .map(
            candidates ->
                candidates.stream()
                    .filter(c -> RecordMatcher.matches(q, c.record()))
                    .map(Ref.Projected::ref)
                    .toList());
  }

  /**
   * The named fields of each record: one HMGET per record, pipelined per shard. Vanished records
   * drop out.
   */
  Future<List<Ref.Projected>> project(List<Ref> refs, List<String> fields) {
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
                    List<Ref.Projected> out = new ArrayList<>(ofShard.size());
                    for (int i = 0; i < ofShard.size(); i++) {
                      FileRecord partial = RedisCodec.fromProjection(fields, replies.get(i));
                      out.add(partial == null ? null : new Ref.Projected(ofShard.get(i), partial));
                    }
                    return out;
                  });
        });
  }

  /** The whole records of the refs (HGETALL), in their order; vanished ones drop out. */
  Future<List<FileRecord>> records(List<Ref> refs) {
    return perShard(
        refs,
        (shard, ofShard) -> {
          List<Request> reqs = new ArrayList<>();
          for (Ref ref : ofShard) {
            reqs.add(Request.cmd(Command.HGETALL).arg(keys.record(shard, ref.uploadId())));
          }
          return calls
              .batch(reqs, "list")
              .map(replies -> replies.stream().map(RedisCodec::fromHash).toList());
        });
  }

  /**
   * Runs one pipelined step per shard over that shard's refs and returns the step's per-ref results
   * back in the refs' order, nulls dropped.
   */
  private <T> Future<List<T>> perShard(
      List<Ref> refs, BiFunction<Integer, List<Ref>, Future<List<T>>> step) {
    Map<Integer, List<Integer>> positions = new LinkedHashMap<>();
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
              List<T> slots = new ArrayList<>(Collections.nCopies(refs.size(), null));
              for (int s = 0; s < shards.size(); s++) {
                List<Integer> at = positions.get(shards.get(s));
                List<T> results = all.resultAt(s);
                for (int i = 0; i < at.size(); i++) {
                  slots.set(at.get(i), results.get(i));
                }
              }
              slots.removeIf(Objects::isNull);
              return slots;
            });
  }
}
