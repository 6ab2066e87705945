package dev.files.syncer;

import io.vertx.core.Future;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code verify [--repair]}: compares the record ids and versions of Redis (every shard's id set)
 * and CouchDB (every record document), then looks once more at each difference found (a write in
 * flight, or one the follower has not applied yet, settles meanwhile) and reports what still
 * differs: records missing in CouchDB, records CouchDB has and Redis does not, and records at
 * another version. With {@code repair}, each difference is copied from Redis as it is now (even
 * when CouchDB holds a higher version) and checked again.
 *
 * <p>Both id lists are held in memory: about 100 bytes per record.
 */
public final class Verifier {
  private static final int PAGE = 1_000;

  private final SyncerConfig config;
  private final Endpoints ends;
  private final Copier copier;
  private volatile long redisSeen;
  private volatile long couchSeen;

  public Verifier(SyncerConfig config, Endpoints ends, SyncerMetrics metrics) {
    this.config = config;
    this.ends = ends;
    this.copier = new Copier(ends, metrics);
  }

  /**
   * The outcome: counts, the ids that differ (after repair, if asked) and how many were repaired.
   */
  public record Report(
      long redisRecords,
      long couchRecords,
      List<String> missing,
      List<String> extra,
      List<String> versionMismatch,
      long repaired) {

    public boolean parity() {
      return missing.isEmpty() && extra.isEmpty() && versionMismatch.isEmpty();
    }

    /** Prints the summary and up to {@code maxIds} ids of each kind. */
    public void print(PrintStream out, int maxIds) {
      out.printf(
          "verify: redis=%d couchdb=%d missing-in-couchdb=%d extra-in-couchdb=%d"
              + " version-mismatch=%d repaired=%d -> %s%n",
          redisRecords,
          couchRecords,
          missing.size(),
          extra.size(),
          versionMismatch.size(),
          repaired,
          parity() ? "PARITY" : "DIFFERENT");
      printIds(out, "missing in couchdb", missing, maxIds);
      printIds(out, "extra in couchdb", extra, maxIds);
      printIds(out, "version mismatch", versionMismatch, maxIds);
    }

    private static void printIds(PrintStream out, String what, List<String> ids, int max) {
      for (int i = 0; i < Math.min(max, ids.size()); i++) {
        out.println("  " + what + ": " + ids.get(i));
      }
      if (ids.size() > max) {
        out.println("  " + what + ": ... " + (ids.size() - max) + " more");
      }
    }
  }

  /** A progress line. */
  public String progress() {
    return String.format("verify: read %,d redis and %,d couchdb records", redisSeen, couchSeen);
  }

  public Future<Report> run(boolean repair) {
    Map<String, Long> redis = new HashMap<>();
    Map<String, Integer> shardOf = new HashMap<>();
    Map<String, Long> couch = new HashMap<>();
    return redisShard(0, null, redis, shardOf)
        .compose(v -> couchPage(null, couch))
        .compose(v -> recheck(differences(redis, couch), shardOf))
        .compose(
            diff -> {
              if (!repair || diff.isEmpty()) {
                return Future.succeededFuture(report(redis, couch, diff, 0));
              }
              return repair(diff, shardOf)
                  .compose(v -> recheck(diff, shardOf))
                  .map(left -> report(redis, couch, left, diff.size() - left.size()));
            });
  }

  private Future<Void> redisShard(
      int n, String after, Map<String, Long> out, Map<String, Integer> shardOf) {
    if (n >= ends.redis().shards()) {
      return Future.succeededFuture();
    }
    return ends.redis()
        .ids(n, after, PAGE)
        .compose(
            ids -> {
              if (ids.isEmpty()) {
                return redisShard(n + 1, null, out, shardOf);
              }
              return ends.redis()
                  .versions(n, ids)
                  .compose(
                      versions -> {
                        out.putAll(versions);
                        versions.keySet().forEach(id -> shardOf.put(id, n));
                        redisSeen = out.size();
                        return redisShard(n, ids.get(ids.size() - 1), out, shardOf);
                      });
            });
  }

  private Future<Void> couchPage(String after, Map<String, Long> out) {
    return ends.couch()
        .versions(after, PAGE)
        .compose(
            page -> {
              out.putAll(page.versions());
              couchSeen = out.size();
              return page.next() == null ? Future.succeededFuture() : couchPage(page.next(), out);
            });
  }

  private static List<String> differences(Map<String, Long> redis, Map<String, Long> couch) {
    TreeSet<String> ids = new TreeSet<>();
    redis.forEach(
        (id, v) -> {
          if (!v.equals(couch.get(id))) {
            ids.add(id);
          }
        });
    couch
        .keySet()
        .forEach(
            id -> {
              if (!redis.containsKey(id)) {
                ids.add(id);
              }
            });
    return new ArrayList<>(ids);
  }

  /** Reads both sides of {@code ids} again: the ids that still differ. */
  private Future<List<String>> recheck(List<String> ids, Map<String, Integer> shardOf) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return shards(ids, shardOf)
        .compose(
            byShard -> {
              List<Future<Map<String, Long>>> reads = new ArrayList<>();
              byShard.forEach((n, group) -> reads.add(ends.redis().versions(n, group)));
              Future<Map<String, Long>> couch = ends.couch().versionsOf(ids);
              return Future.all(Future.all(reads), couch)
                  .map(
                      x -> {
                        Map<String, Long> redis = new HashMap<>();
                        reads.forEach(f -> redis.putAll(f.result()));
                        List<String> still = new ArrayList<>();
                        for (String id : ids) {
                          Long r = redis.get(id);
                          Long c = couch.result().get(id);
                          if (r == null ? c != null : !r.equals(c)) {
                            still.add(id);
                          }
                        }
                        return still;
                      });
            });
  }

  /** Groups ids by the shard holding them in Redis; ids with no record go to shard -1. */
  private Future<Map<Integer, List<String>>> shards(List<String> ids, Map<String, Integer> known) {
    List<Future<Integer>> lookups = new ArrayList<>();
    for (String id : ids) {
      lookups.add(ends.redis().shardOf(id));
    }
    return Future.all(lookups)
        .map(
            f -> {
              Map<Integer, List<String>> out = new HashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                int shard = f.<Integer>resultAt(i);
                if (shard < 0) {
                  shard = known.getOrDefault(ids.get(i), -1);
                }
                out.computeIfAbsent(shard, k -> new ArrayList<>()).add(ids.get(i));
              }
              out.remove(-1);
              return out;
            });
  }

  private Future<Void> repair(List<String> ids, Map<String, Integer> shardOf) {
    return shards(ids, shardOf)
        .compose(
            byShard -> {
              List<String> gone = new ArrayList<>(ids);
              byShard.values().forEach(gone::removeAll);
              List<Future<?>> all = new ArrayList<>();
              byShard.forEach((n, group) -> all.add(copyInBatches(n, group)));
              all.add(copyInBatches(0, gone));
              return Future.all(all).mapEmpty();
            });
  }

  /** Copies with force; ids without a Redis record become deletions in CouchDB. */
  private Future<Void> copyInBatches(int shard, List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < ids.size(); i += config.batchSize()) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + config.batchSize()));
      chain = chain.compose(v -> copier.copy(shard, batch, Map.of(), true).mapEmpty());
    }
    return chain;
  }

  private static Report report(
      Map<String, Long> redis, Map<String, Long> couch, List<String> diff, long repaired) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> mismatch = new ArrayList<>();
    for (String id : diff) {
      if (!couch.containsKey(id)) {
        missing.add(id);
      } else if (!redis.containsKey(id)) {
        extra.add(id);
      } else {
        mismatch.add(id);
      }
    }
    return new Report(redis.size(), couch.size(), missing, extra, mismatch, repaired);
  }
}
