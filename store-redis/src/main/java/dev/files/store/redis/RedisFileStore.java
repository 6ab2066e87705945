package dev.files.store.redis;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Capability;
import dev.files.store.ChangeBatch;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import dev.files.store.query.ReportTally;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis store: the primary, atomic and indexed, with a change stream.
 *
 * <p>Owners are spread over {@code shards} hash tags ({@code {s0}..{sN-1}}, the shard of an owner
 * is {@code SHA-256(owner) mod N}). A record, its owner's alias hash, every index entry of it and
 * its shard's change stream share that tag, so each write is one Lua script in one Cluster slot:
 *
 * <pre>
 *  Pid:&lt;uploadId&gt; -&gt; owner ──────┐ (finds the shard of a get/update/delete by id)
 *                                  v
 *  P{sn}:r:&lt;uploadId&gt;   hash: one field per record key (JSON values), version, _alias, _ix
 *  P{sn}:o:&lt;h&gt;:alias     hash: alias -&gt; uploadId
 *  P{sn}:changes         stream: {u: uploadId, v: version, o: create|update|delete}
 *  P{sn}:h:&lt;uploadId&gt;   zset: the record's history entries by version (same script)
 *  P{sn}:{g|o:&lt;h&gt;}:z:&lt;field&gt;          sort index, lex zset "SortKey(value)\0uploadId"
 *  P{sn}:{g|o:&lt;h&gt;}:v:{a|l|p}          ids: all / listed / listed for everyone
 *  P{sn}:{g|o:&lt;h&gt;}:s:{a|l|p}:&lt;status&gt; ids by status, per visibility
 *  P{sn}:{g|o:&lt;h&gt;}:t:{a|l|p}:&lt;tag&gt;    ids by tag, per visibility
 *  P{sn}:{g|o:&lt;h&gt;}:stats              counters of listed records (files.report)
 * </pre>
 *
 * {@code g} indexes cover the whole shard; {@code o:<h>} one owner (h = 32 hex of SHA-256(owner)).
 * A list without an owner merges the N shards' {@code g} indexes incrementally; with an owner it
 * reads that owner's indexes in one shard. See {@link RedisKeys}, {@link IndexEntries}, {@link
 * RedisLister} and docs/backends/redis.md.
 */
public final class RedisFileStore implements FileStore, dev.files.store.ChangeFeed {
  private static final Logger log = LoggerFactory.getLogger(RedisFileStore.class);

  private final RedisStoreConfig config;
  private final RedisCalls calls;
  private final RedisKeys keys;
  private final LuaScript script = new LuaScript("write.lua");
  private final ChangeFeed feed;
  private final RedisLister lister;

  RedisFileStore(RedisStoreConfig config, RedisCalls calls) {
    this.config = config;
    this.calls = calls;
    this.keys = new RedisKeys(config.prefix(), config.shards());
    this.feed = new ChangeFeed(calls, keys, config.batchSize());
    this.lister = new RedisLister(calls, keys, config);
  }

  /**
   * The index layout this code writes and reads; a keyspace written by another (an older one lacks
   * the name-gram sets) must be rebuilt (a new prefix and a backfill).
   */
  static final String LAYOUT = "2";

  /**
   * Records what the keyspace is built with (layout, shard count, sort indexes, name grams) on
   * first use, or fails when it was built with something else: they decide where entries live, so
   * changing them needs a rebuild. The layout is written first, so a keyspace with a shard count
   * and no layout is an older one.
   */
  Future<RedisFileStore> checkKeyspace() {
    String meta = keys.meta();
    Map<String, String> wanted = wantedKeyspace();
    return calls
        .send(Request.cmd(Command.HMGET).arg(meta).arg("shards").arg("layout"), "open keyspace")
        .compose(r -> claimKeyspace(meta, wanted, r))
        .compose(
            x -> {
              Request read = Request.cmd(Command.HMGET).arg(meta);
              wanted.keySet().forEach(read::arg);
              return calls.send(read, "open keyspace");
            })
        .compose(r -> matchKeyspace(wanted, r));
  }

  /** What this version and configuration build the keyspace with, in the order they are read. */
  private Map<String, String> wantedKeyspace() {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("layout", LAYOUT);
    wanted.put("shards", Integer.toString(config.shards()));
    wanted.put("sortIndexes", config.sortIndexList());
    wanted.put("nameGrams", Boolean.toString(config.nameGrams()));
    return wanted;
  }

  /**
   * Writes each wanted setting that is not there yet, unless {@code shardsAndLayout} (HMGET shards
   * layout) shows an older keyspace.
   */
  private Future<List<Response>> claimKeyspace(
      String meta, Map<String, String> wanted, Response shardsAndLayout) {
    if (shardsAndLayout.get(0) != null && shardsAndLayout.get(1) == null) {
      return Future.failedFuture(
          new FileError(
              ErrorCode.INTERNAL,
              "the keyspace '"
                  + config.prefix()
                  + "' was built by an older version without name-gram indexes"
                  + " (layout 1); this version needs layout "
                  + LAYOUT
                  + ": backfill into a new prefix"));
    }
    List<Request> claims = new ArrayList<>();
    wanted.forEach((k, v) -> claims.add(Request.cmd(Command.HSETNX).arg(meta).arg(k).arg(v)));
    return calls.batch(claims, "open keyspace");
  }

  /** This store, or a failure when {@code read} (the settings as built) differs from wanted. */
  private Future<RedisFileStore> matchKeyspace(Map<String, String> wanted, Response read) {
    Map<String, String> built = new LinkedHashMap<>();
    int i = 0;
    for (String k : wanted.keySet()) {
      Response v = read.get(i++);
      built.put(k, v == null ? null : v.toString());
    }
    if (built.equals(wanted)) {
      return Future.succeededFuture(this);
    }
    return Future.failedFuture(
        new FileError(
            ErrorCode.INTERNAL,
            "the keyspace '"
                + config.prefix()
                + "' was built with "
                + built
                + "; this version and configuration need "
                + wanted
                + ": use a new prefix and backfill"));
  }

  /**
   * The keys of the shards' change streams, for readers that use consumer groups (XREADGROUP):
   * entries have the fields {@code u} (uploadId), {@code v} (version) and {@code o} (create, update
   * or delete).
   */
  public List<String> changeStreams() {
    List<String> out = new ArrayList<>();
    for (int n = 0; n < keys.shards(); n++) {
      out.add(keys.changes(n));
    }
    return out;
  }

  /**
   * Claims the id pointer, then runs the create script, both within one timeout. The pointer is
   * released again only when the script definitely did not create the record (a refusal such as
   * {@code alias-taken}); after a transient failure (a timeout, a lost connection) the script may
   * still run, so the pointer stays: a pointer without a record reads as not-found and is taken
   * over by a later create with the same id.
   */
  @Override
  public Future<FileRecord> create(FileRecord record) {
    return create(record, WriteContext.unattributed());
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    FileRecord stored = record.toBuilder().version(1).build();
    Written history = new Written(HistoryEntry.of(null, stored, context), context);
    String owner = stored.owner();
    String id = stored.uploadId();
    RedisCalls op = calls.withinOneTimeout();
    return claimPointer(op, id, owner)
        .compose(
            created ->
                write(op, "create", stored, 0, history)
                    .recover(
                        t ->
                            created && isRefusal(t)
                                ? releasePointer(op, id, owner)
                                    .onFailure(e -> logReleaseFailure(id, owner, e))
                                    .transform(x -> Future.failedFuture(t))
                                : Future.failedFuture(t)))
        .map(v -> stored);
  }

  /** A failure after which the record is certainly not written: neither transient nor a clash. */
  private static boolean isRefusal(Throwable t) {
    return !Retry.isTransient(t) && !(t instanceof FileError fe && fe.code() == ErrorCode.CONFLICT);
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    RedisCalls op = calls.withinOneTimeout();
    return ownerOf(op, uploadId)
        .compose(owner -> read(op, keys.shardOf(owner), uploadId))
        .compose(r -> r == null ? notFound(uploadId) : Future.succeededFuture(r));
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    RedisCalls op = calls.withinOneTimeout();
    int shard = keys.shardOf(owner);
    return op.send(
            Request.cmd(Command.HGET).arg(keys.aliases(shard, owner)).arg(alias), "get by alias")
        .compose(id -> id == null ? Future.succeededFuture(null) : read(op, shard, id.toString()))
        .compose(
            r ->
                r == null || !r.owner().equals(owner) || !alias.equals(r.alias())
                    ? Future.failedFuture(FileError.notFound("no file with alias '" + alias + "'"))
                    : Future.succeededFuture(r));
  }

  /**
   * Without the record as it was, the history entry needs it: read first, then written by
   * compare-and-set on the version read like any update.
   */
  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return get(record.uploadId())
        .compose(
            before ->
                before.version() != expectedVersion
                    ? Future.failedFuture(
                        FileError.versionConflict(record.uploadId(), expectedVersion))
                    : update(before, record, WriteContext.unattributed()));
  }

  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    String id = after.uploadId();
    long expectedVersion = before.version();
    RedisCalls op = calls.withinOneTimeout();
    return ownerOf(op, id)
        .compose(
            owner -> {
              FileRecord stored =
                  after.toBuilder().owner(owner).version(expectedVersion + 1).build();
              Written history = new Written(HistoryEntry.of(before, stored, context), context);
              return write(op, "update", stored, expectedVersion, history).map(v -> stored);
            });
  }

  /**
   * The record's history: its existence and the entries read by one script (two keys of one hash
   * tag), so a history is never read from a record deleted in between.
   */
  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    RedisCalls op = calls.withinOneTimeout();
    return ownerOf(op, uploadId)
        .compose(
            owner -> {
              int shard = keys.shardOf(owner);
              return op.send(
                  Request.cmd(Command.EVAL)
                      .arg(
                          "if redis.call('EXISTS', KEYS[1]) == 0 then return false end"
                              + " return redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf',"
                              + " 'LIMIT', 0, ARGV[2])")
                      .arg(2)
                      .arg(keys.record(shard, uploadId))
                      .arg(keys.history(shard, uploadId))
                      .arg("(" + afterVersion)
                      .arg(Math.max(0, limit)),
                  "history " + uploadId);
            })
        .compose(
            entries -> {
              if (entries == null) {
                return notFound(uploadId);
              }
              List<HistoryEntry> out = new ArrayList<>();
              for (Response member : entries) {
                out.add(HistoryEntry.decode(member.toString()));
              }
              return Future.succeededFuture(out);
            });
  }

  /** A history entry and the retention its write applies. */
  private record Written(HistoryEntry entry, WriteContext context) {}

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    RedisCalls op = calls.withinOneTimeout();
    return ownerOf(op, uploadId)
        .compose(
            owner -> {
              FileRecord tombstone =
                  FileRecord.builder()
                      .uploadId(uploadId)
                      .owner(owner)
                      .status(Status.PENDING)
                      .build();
              return write(op, "delete", tombstone, expectedVersion, null)
                  .compose(v -> releasePointer(op, uploadId, owner));
            });
  }

  @Override
  public Future<Page> list(ListQuery query) {
    return lister.list(query);
  }

  @Override
  public Future<Report> report(String owner) {
    List<Request> reads = new ArrayList<>();
    if (owner != null) {
      int shard = keys.shardOf(owner);
      reads.add(
          Request.cmd(Command.HGETALL)
              .arg(keys.shard(shard) + RedisKeys.stats(RedisKeys.ownerLevel(owner))));
    } else {
      for (int n = 0; n < keys.shards(); n++) {
        reads.add(
            Request.cmd(Command.HGETALL)
                .arg(keys.shard(n) + RedisKeys.stats(RedisKeys.globalLevel())));
      }
    }
    List<Future<Response>> all = new ArrayList<>();
    reads.forEach(r -> all.add(calls.send(r, "report")));
    return Future.all(all).map(f -> sumReports(f.list()));
  }

  private static Report sumReports(List<Response> hashes) {
    ReportTally tally = new ReportTally();
    for (Response h : hashes) {
      for (int i = 0; i + 1 < h.size(); i += 2) {
        addStat(tally, h.get(i).toString(), h.get(i + 1).toLong());
      }
    }
    return tally.report();
  }

  /** One field of a level's stats hash ({@link RedisKeys#stats}). */
  private static void addStat(ReportTally tally, String field, long v) {
    switch (field) {
      case "n" -> tally.addTotals(v, 0, 0, 0);
      case "pub" -> tally.addTotals(0, v, 0, 0);
      case "len" -> tally.addTotals(0, 0, v, 0);
      case "publen" -> tally.addTotals(0, 0, 0, v);
      default -> {
        if (field.startsWith("st:")) {
          tally.addStatus(Status.fromWire(field.substring(3)), v);
        }
      }
    }
  }

  @Override
  public Future<ChangeBatch> changes(String since, int limit) {
    return feed.read(since, limit);
  }

  /**
   * Tag filters come from indexes, and sorting too when every built-in field has its sort index
   * (the default); everything else is bounded, incremental work (see {@link RedisLister}).
   */
  @Override
  public Set<Capability> capabilities() {
    Set<Capability> c = EnumSet.of(Capability.INDEXED_TAGS, Capability.DURABLE);
    if (config.sortIndexes().containsAll(IndexEntries.BUILT_IN)) {
      c.add(Capability.INDEXED_SORT);
    }
    return c;
  }

  @Override
  public Future<Void> ping() {
    return calls.send(Request.cmd(Command.PING), "ping").mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return calls.close();
  }

  // ---- internals ----

  private Future<Void> write(
      RedisCalls op, String mode, FileRecord r, long expectedVersion, Written history) {
    int shard = keys.shardOf(r.owner());
    String shardPrefix = keys.shard(shard);
    boolean delete = mode.equals("delete");
    IndexEntries ix = delete ? null : IndexEntries.of(r, config.sortIndexes(), config.nameGrams());
    List<String> ks = new ArrayList<>();
    ks.add(keys.record(shard, r.uploadId()));
    ks.add(keys.aliases(shard, r.owner()));
    ks.add(keys.changes(shard));
    ks.add(keys.history(shard, r.uploadId()));
    if (ix != null) {
      ix.keys().forEach(k -> ks.add(shardPrefix + k));
    }
    List<String> args = new ArrayList<>();
    args.add(mode);
    args.add(r.uploadId());
    args.add(Long.toString(expectedVersion));
    args.add(r.alias() == null ? "" : r.alias());
    args.add(shardPrefix);
    args.add(ix == null ? "" : ix.encoded());
    args.add(Long.toString(config.streamMaxLen()));
    args.addAll(IndexEntries.levels(r.owner()));
    if (history == null) {
      args.addAll(List.of("", "0", "0"));
    } else {
      HistoryEntry e = history.entry();
      args.add(e.encode());
      args.add(Long.toString(e.versionAfter() - history.context().retention().maxEntries()));
      args.add(Long.toString(history.context().retention().oldestKept(e.at())));
    }
    if (!delete) {
      args.addAll(RedisCodec.fields(r));
    }
    return script
        .run(op, ks, args, mode + " " + r.uploadId())
        .compose(res -> outcome(res, r, expectedVersion));
  }

  private static Future<Void> outcome(Response res, FileRecord r, long expectedVersion) {
    String status = res.get(0).toString();
    return switch (status) {
      case "ok" -> Future.succeededFuture();
      case "conflict" ->
          Future.failedFuture(
              new FileError(ErrorCode.CONFLICT, "record " + r.uploadId() + " exists"));
      case "alias-taken" -> Future.failedFuture(FileError.aliasTaken(r.alias()));
      case "not-found" -> notFound(r.uploadId());
      case "version-conflict" ->
          Future.failedFuture(FileError.versionConflict(r.uploadId(), expectedVersion));
      default ->
          Future.failedFuture(
              new FileError(ErrorCode.INTERNAL, "unexpected script reply " + status));
    };
  }

  /**
   * Points the uploadId at its owner before the record is written (SET NX). True when this call
   * created the pointer. A pointer to another owner whose record is gone (a crash between the two
   * steps of a delete) is taken over; one whose record exists means the uploadId is taken.
   */
  private Future<Boolean> claimPointer(RedisCalls op, String uploadId, String owner) {
    String ptr = keys.idPointer(uploadId);
    return op.sendReplicated(
            Request.cmd(Command.SET).arg(ptr).arg(owner).arg("NX"), "create " + uploadId)
        .compose(
            set -> {
              if (set != null) {
                return Future.succeededFuture(true);
              }
              return op.send(Request.cmd(Command.GET).arg(ptr), "create " + uploadId)
                  .compose(
                      cur -> {
                        if (cur == null || cur.toString().equals(owner)) {
                          return cur == null
                              ? claimPointer(op, uploadId, owner)
                              : Future.succeededFuture(false);
                        }
                        String other = cur.toString();
                        return op.send(
                                Request.cmd(Command.EXISTS)
                                    .arg(keys.record(keys.shardOf(other), uploadId)),
                                "create " + uploadId)
                            .compose(
                                exists ->
                                    exists.toInteger() == 1
                                        ? Future.failedFuture(
                                            new FileError(
                                                ErrorCode.CONFLICT,
                                                "record " + uploadId + " exists"))
                                        : op.sendReplicated(
                                                Request.cmd(Command.SET).arg(ptr).arg(owner),
                                                "create " + uploadId)
                                            .map(x -> true));
                      });
            });
  }

  /** Removes the pointer if it still names this owner (one atomic compare-and-delete). */
  private Future<Void> releasePointer(RedisCalls op, String uploadId, String owner) {
    return op.send(
            Request.cmd(Command.EVAL)
                .arg(
                    "if redis.call('GET', KEYS[1]) == ARGV[1] then"
                        + " return redis.call('DEL', KEYS[1]) end return 0")
                .arg(1)
                .arg(keys.idPointer(uploadId))
                .arg(owner),
            "release " + uploadId)
        .mapEmpty();
  }

  private Future<String> ownerOf(RedisCalls op, String uploadId) {
    return op.send(Request.cmd(Command.GET).arg(keys.idPointer(uploadId)), "find " + uploadId)
        .compose(r -> r == null ? notFound(uploadId) : Future.succeededFuture(r.toString()));
  }

  private Future<FileRecord> read(RedisCalls op, int shard, String uploadId) {
    return op.send(
            Request.cmd(Command.HGETALL).arg(keys.record(shard, uploadId)), "get " + uploadId)
        .map(RedisCodec::fromHash);
  }

  private static <T> Future<T> notFound(String uploadId) {
    return Future.failedFuture(FileError.notFound("no file " + uploadId));
  }

  /** The create's own failure is answered to the caller; this second one would else go unseen. */
  private static void logReleaseFailure(String uploadId, String owner, Throwable t) {
    log.warn(
        "action=create uploadId="
            + uploadId
            + " owner="
            + owner
            + " could not release the id pointer after a refused create: "
            + t);
  }
}
