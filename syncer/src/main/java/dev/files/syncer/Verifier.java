package dev.files.syncer;

import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica.Claimants;
import dev.files.syncer.RecordState.AliasKey;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code verify [--repair]}: compares every record of Redis (every shard's id set) and CouchDB
 * (every record document) by version and by a digest of its content ({@link RecordDigest}), and
 * every alias: the record Redis says holds it against the one a CouchDB read by alias finds (the
 * first claimant of the alias document whose CouchDB record holds it). Each difference is then
 * looked at once more (a write in flight, or one the follower has not applied yet, settles
 * meanwhile), and what still differs is reported: records missing in CouchDB, records CouchDB has
 * and Redis does not, records at another version, records of the same version with another content,
 * aliases that resolve differently, Redis records that cannot be decoded, and the records the
 * follower parked. With {@code repair}, each record difference is copied from Redis as it is now
 * (even over a higher CouchDB version), each alias difference is reset to Redis's holder, the
 * parked records now in parity are cleared, and everything is checked again.
 *
 * <p>Both sides are held in memory: about 200 bytes per record.
 */
public final class Verifier {
  private static final int PAGE = 1_000;
  private static final int ALIAS_CHUNK = 50;

  /**
   * Ids looked up at once when rechecking or repairing: each id costs one Redis call (its shard)
   * sent together, and the Redis pool lets only {@code store.redis.poolWaiting} (256 by default)
   * wait for a connection; a difference set of thousands sent at once overflows it.
   */
  private static final int LOOKUP_CHUNK = 200;

  private final SyncerConfig config;
  private final Endpoints ends;
  private final Copier copier;
  private final Parked parked;
  private volatile long redisSeen;
  private volatile long couchSeen;

  public Verifier(SyncerConfig config, Endpoints ends, SyncerMetrics metrics) {
    this.config = config;
    this.ends = ends;
    this.copier = new Copier(ends, metrics);
    this.parked = new Parked(ends.couch());
  }

  /** The outcome: counts, what differs (after repair, if asked) and how much was repaired. */
  public record Report(
      long redisRecords,
      long couchRecords,
      List<String> missing,
      List<String> extra,
      List<String> versionMismatch,
      List<String> contentMismatch,
      List<String> aliasMismatch,
      List<String> unreadable,
      List<String> parked,
      long repaired) {

    /** Both stores hold the same records, contents and aliases (parked records aside). */
    public boolean parity() {
      return missing.isEmpty()
          && extra.isEmpty()
          && versionMismatch.isEmpty()
          && contentMismatch.isEmpty()
          && aliasMismatch.isEmpty()
          && unreadable.isEmpty();
    }

    /** Prints the summary and up to {@code maxIds} ids of each kind. */
    public void print(PrintStream out, int maxIds) {
      out.printf(
          "verify: redis=%d couchdb=%d missing-in-couchdb=%d extra-in-couchdb=%d"
              + " version-mismatch=%d content-mismatch=%d alias-mismatch=%d unreadable-in-redis=%d"
              + " parked=%d repaired=%d -> %s%n",
          redisRecords,
          couchRecords,
          missing.size(),
          extra.size(),
          versionMismatch.size(),
          contentMismatch.size(),
          aliasMismatch.size(),
          unreadable.size(),
          parked.size(),
          repaired,
          parity() ? "PARITY" : "DIFFERENT");
      printIds(out, "missing in couchdb", missing, maxIds);
      printIds(out, "extra in couchdb", extra, maxIds);
      printIds(out, "version mismatch", versionMismatch, maxIds);
      printIds(out, "content mismatch", contentMismatch, maxIds);
      printIds(out, "alias mismatch", aliasMismatch, maxIds);
      printIds(out, "unreadable in redis", unreadable, maxIds);
      printIds(out, "parked", parked, maxIds);
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

  /** Everything verify read of Redis. */
  private static final class RedisSide {
    final Map<String, RecordState> records = new HashMap<>();
    final Map<String, Integer> shardOf = new HashMap<>();
    final Set<String> unreadable = new TreeSet<>();

    Map<AliasKey, String> holders() {
      Map<AliasKey, String> out = new HashMap<>();
      records.forEach(
          (id, s) -> {
            if (s.alias() != null) {
              out.put(s.alias(), id);
            }
          });
      return out;
    }
  }

  /** Everything verify read of CouchDB. */
  private static final class CouchSide {
    final Map<String, RecordState> records = new HashMap<>();
    final Map<AliasKey, List<String>> claimants = new HashMap<>();

    /** The record a read by alias finds: its first claimant that holds the alias. */
    String resolve(AliasKey key) {
      return firstHolder(key, claimants.getOrDefault(key, List.of()), records);
    }
  }

  /** Record differences by id (Redis state, CouchDB state; null: absent) and alias differences. */
  private record Diff(Map<String, RecordState[]> records, Set<AliasKey> aliases) {
    boolean isEmpty() {
      return records.isEmpty() && aliases.isEmpty();
    }
  }

  public Future<Report> run(boolean repair) {
    RedisSide redis = new RedisSide();
    CouchSide couch = new CouchSide();
    return readRedis(0, null, redis)
        .compose(v -> readCouch(null, couch))
        .compose(v -> recheck(differences(redis, couch), redis))
        .compose(
            diff -> {
              if (!repair || diff.isEmpty()) {
                return report(redis, couch, diff, 0);
              }
              return repairRecords(diff.records().keySet(), redis)
                  .compose(v -> recheckAliases(diff.aliases(), redis))
                  .compose(this::resetAliases)
                  .compose(v -> recheck(diff, redis))
                  .compose(left -> clearParked(redis, left).map(left))
                  .compose(left -> report(redis, couch, left, size(diff) - size(left)));
            });
  }

  private static int size(Diff d) {
    return d.records().size() + d.aliases().size();
  }

  private Future<Void> readRedis(int n, String after, RedisSide out) {
    if (n >= ends.redis().shards()) {
      return Future.succeededFuture();
    }
    return ends.redis()
        .ids(n, after, PAGE)
        .compose(
            ids -> {
              if (ids.isEmpty()) {
                return readRedis(n + 1, null, out);
              }
              return redisRecords(n, ids, out.unreadable)
                  .compose(
                      records -> {
                        records.forEach((id, r) -> out.records.put(id, RecordState.of(r)));
                        ids.forEach(id -> out.shardOf.put(id, n));
                        redisSeen = out.records.size();
                        return readRedis(n, ids.get(ids.size() - 1), out);
                      });
            });
  }

  /**
   * The records of shard {@code n} among {@code ids}. A read that fails for a permanent reason (a
   * record that cannot be decoded) is repeated record by record, and the ids that still fail go to
   * {@code unreadable}.
   */
  private Future<Map<String, FileRecord>> redisRecords(
      int n, List<String> ids, Set<String> unreadable) {
    return ends.redis()
        .records(n, ids)
        .recover(
            e -> {
              if (Retry.isTransient(e) || ids.size() == 1) {
                return Future.failedFuture(e);
              }
              Map<String, FileRecord> out = new HashMap<>();
              Future<Void> chain = Future.succeededFuture();
              for (String id : ids) {
                chain =
                    chain.compose(
                        v ->
                            ends.redis()
                                .records(n, List.of(id))
                                .transform(
                                    ar -> {
                                      if (ar.succeeded()) {
                                        out.putAll(ar.result());
                                        return Future.succeededFuture();
                                      }
                                      if (Retry.isTransient(ar.cause())) {
                                        return Future.failedFuture(ar.cause());
                                      }
                                      unreadable.add(id);
                                      return Future.succeededFuture();
                                    }));
              }
              return chain.map(out);
            });
  }

  private Future<Void> readCouch(String after, CouchSide out) {
    return ends.couch()
        .page(after, PAGE)
        .compose(
            page -> {
              page.records().forEach((id, r) -> out.records.put(id, RecordState.of(r)));
              for (Claimants c : page.aliases()) {
                out.claimants.put(new AliasKey(c.owner(), c.alias()), c.uploadIds());
              }
              couchSeen = out.records.size();
              return page.next() == null ? Future.succeededFuture() : readCouch(page.next(), out);
            });
  }

  private static Diff differences(RedisSide redis, CouchSide couch) {
    Map<String, RecordState[]> records = new TreeMap<>();
    redis.records.forEach(
        (id, r) -> {
          RecordState c = couch.records.get(id);
          if (!r.equals(c)) {
            records.put(id, new RecordState[] {r, c});
          }
        });
    couch.records.forEach(
        (id, c) -> {
          if (!redis.records.containsKey(id) && !redis.unreadable.contains(id)) {
            records.put(id, new RecordState[] {null, c});
          }
        });
    Map<AliasKey, String> redisHolders = redis.holders();
    Set<AliasKey> keys = new TreeSet<>(redisHolders.keySet());
    keys.addAll(couch.claimants.keySet());
    Set<AliasKey> aliases = new TreeSet<>();
    for (AliasKey k : keys) {
      if (!Objects.equals(redisHolders.get(k), couch.resolve(k))) {
        aliases.add(k);
      }
    }
    return new Diff(records, aliases);
  }

  /** Reads both sides of every difference again: what still differs. */
  private Future<Diff> recheck(Diff diff, RedisSide redis) {
    return recheckRecords(new ArrayList<>(diff.records().keySet()), redis)
        .compose(
            records ->
                recheckAliases(diff.aliases(), redis)
                    .map(aliases -> new Diff(records, aliases.keySet())));
  }

  /** The records among {@code ids} that still differ, {@value #LOOKUP_CHUNK} ids at a time. */
  private Future<Map<String, RecordState[]>> recheckRecords(List<String> ids, RedisSide redis) {
    Map<String, RecordState[]> still = new TreeMap<>();
    return inSequence(ids, LOOKUP_CHUNK, chunk -> recheckChunk(chunk, redis, still)).map(still);
  }

  private Future<Void> recheckChunk(
      List<String> ids, RedisSide redis, Map<String, RecordState[]> still) {
    return redisNow(ids, redis)
        .compose(
            inRedis ->
                ends.couch()
                    .recordsOf(ids)
                    .map(
                        inCouch -> {
                          for (String id : ids) {
                            RecordState r = state(inRedis.get(id));
                            RecordState c = state(inCouch.get(id));
                            if (!redis.unreadable.contains(id) && !Objects.equals(r, c)) {
                              still.put(id, new RecordState[] {r, c});
                            }
                          }
                          return null;
                        }));
  }

  private static RecordState state(FileRecord r) {
    return r == null ? null : RecordState.of(r);
  }

  /** The Redis records of {@code ids} as they are now (absent: no record). */
  private Future<Map<String, FileRecord>> redisNow(List<String> ids, RedisSide redis) {
    return shards(ids, redis.shardOf)
        .compose(
            byShard -> {
              List<Future<Map<String, FileRecord>>> reads = new ArrayList<>();
              byShard.forEach(
                  (n, group) -> {
                    if (n >= 0) {
                      reads.add(redisRecords(n, group, redis.unreadable));
                    }
                  });
              return Future.all(reads)
                  .map(
                      x -> {
                        Map<String, FileRecord> out = new HashMap<>();
                        reads.forEach(f -> out.putAll(f.result()));
                        return out;
                      });
            });
  }

  /**
   * Looks at each alias again: Redis's holder among the record Redis named first and the alias
   * document's claimants, against the claimant a CouchDB read finds. The aliases that still differ,
   * with Redis's holder now (null: nobody).
   */
  private Future<Map<AliasKey, FileRecord>> recheckAliases(Set<AliasKey> keys, RedisSide redis) {
    Map<AliasKey, String> firstHolders = redis.holders();
    return inChunks(
        new ArrayList<>(keys),
        key ->
            ends.couch()
                .claimantsOf(key.owner(), key.alias())
                .compose(
                    claimants -> {
                      Set<String> candidates = new HashSet<>(claimants);
                      if (firstHolders.containsKey(key)) {
                        candidates.add(firstHolders.get(key));
                      }
                      List<String> ids = new ArrayList<>(candidates);
                      return Future.all(redisNow(ids, redis), ends.couch().recordsOf(ids))
                          .map(
                              both -> {
                                Map<String, FileRecord> inRedis = both.resultAt(0);
                                Map<String, FileRecord> inCouch = both.resultAt(1);
                                FileRecord holder = holderIn(key, inRedis);
                                Map<String, RecordState> couchStates = new HashMap<>();
                                inCouch.forEach((id, r) -> couchStates.put(id, RecordState.of(r)));
                                String found = firstHolder(key, claimants, couchStates);
                                String wanted = holder == null ? null : holder.uploadId();
                                return Objects.equals(wanted, found)
                                    ? null
                                    : new Holder(key, holder);
                              });
                    }));
  }

  private record Holder(AliasKey key, FileRecord record) {}

  /** Runs {@code check} on every key, {@value #ALIAS_CHUNK} at a time; the non-null results. */
  private static Future<Map<AliasKey, FileRecord>> inChunks(
      List<AliasKey> keys, Function<AliasKey, Future<Holder>> check) {
    Map<AliasKey, FileRecord> out = new LinkedHashMap<>();
    return inSequence(
            keys,
            ALIAS_CHUNK,
            chunk -> {
              List<Future<Holder>> each = new ArrayList<>();
              chunk.forEach(k -> each.add(check.apply(k)));
              return Future.all(each)
                  .map(
                      x -> {
                        each.stream()
                            .map(Future::result)
                            .filter(Objects::nonNull)
                            .forEach(h -> out.put(h.key(), h.record()));
                        return null;
                      });
            })
        .map(out);
  }

  /**
   * Runs {@code step} on {@code items} cut into chunks of {@code size}, one chunk after the other,
   * so that no more than one chunk's calls are in flight.
   */
  private static <T> Future<Void> inSequence(
      List<T> items, int size, Function<List<T>, Future<?>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < items.size(); i += size) {
      List<T> chunk = items.subList(i, Math.min(items.size(), i + size));
      chain = chain.compose(v -> step.apply(chunk).mapEmpty());
    }
    return chain;
  }

  private static FileRecord holderIn(AliasKey key, Map<String, FileRecord> records) {
    for (FileRecord r : records.values()) {
      if (key.equals(RecordState.of(r).alias())) {
        return r;
      }
    }
    return null;
  }

  private static String firstHolder(
      AliasKey key, List<String> claimants, Map<String, RecordState> records) {
    for (String id : claimants) {
      RecordState s = records.get(id);
      if (s != null && key.equals(s.alias())) {
        return id;
      }
    }
    return null;
  }

  /**
   * Groups ids by the shard holding them in Redis, looked up {@value #LOOKUP_CHUNK} at a time; ids
   * with no record go to shard -1.
   */
  private Future<Map<Integer, List<String>>> shards(List<String> ids, Map<String, Integer> known) {
    Map<Integer, List<String>> out = new HashMap<>();
    return inSequence(ids, LOOKUP_CHUNK, chunk -> addShards(chunk, known, out)).map(out);
  }

  private Future<Void> addShards(
      List<String> ids, Map<String, Integer> known, Map<Integer, List<String>> out) {
    List<Future<Integer>> lookups = new ArrayList<>();
    for (String id : ids) {
      lookups.add(ends.redis().shardOf(id));
    }
    return Future.all(lookups)
        .map(
            f -> {
              for (int i = 0; i < ids.size(); i++) {
                int shard = f.<Integer>resultAt(i);
                if (shard < 0) {
                  shard = known.getOrDefault(ids.get(i), -1);
                }
                out.computeIfAbsent(shard, k -> new ArrayList<>()).add(ids.get(i));
              }
              return null;
            });
  }

  private Future<Void> repairRecords(Set<String> ids, RedisSide redis) {
    List<String> todo = new ArrayList<>(ids);
    todo.removeAll(redis.unreadable);
    return shards(todo, redis.shardOf)
        .compose(
            byShard -> {
              List<Future<?>> all = new ArrayList<>();
              // ids without a Redis record (shard -1) become deletions, read through any shard
              byShard.forEach((n, group) -> all.add(copyInBatches(Math.max(n, 0), group)));
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

  private Future<Void> resetAliases(Map<AliasKey, FileRecord> holders) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<AliasKey, FileRecord> e : holders.entrySet()) {
      AliasKey k = e.getKey();
      chain = chain.compose(v -> ends.couch().resetAlias(k.owner(), k.alias(), e.getValue()));
    }
    return chain;
  }

  /** Clears the parked records that are in parity now. */
  private Future<Void> clearParked(RedisSide redis, Diff left) {
    return parked
        .ids()
        .compose(
            ids -> {
              List<String> settled = new ArrayList<>(ids);
              settled.removeAll(left.records().keySet());
              settled.removeAll(redis.unreadable);
              return parked.clear(settled);
            });
  }

  private Future<Report> report(RedisSide redis, CouchSide couch, Diff diff, long repaired) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    diff.records()
        .forEach(
            (id, s) -> {
              if (s[1] == null) {
                missing.add(id);
              } else if (s[0] == null) {
                extra.add(id);
              } else if (s[0].version() != s[1].version()) {
                versions.add(id);
              } else {
                contents.add(id);
              }
            });
    List<String> aliases = diff.aliases().stream().map(AliasKey::toString).toList();
    return parked
        .ids()
        .map(
            p ->
                new Report(
                    redis.records.size(),
                    couch.records.size(),
                    missing,
                    extra,
                    versions,
                    contents,
                    aliases,
                    new ArrayList<>(redis.unreadable),
                    new ArrayList<>(new TreeSet<>(p)),
                    repaired));
  }
}
