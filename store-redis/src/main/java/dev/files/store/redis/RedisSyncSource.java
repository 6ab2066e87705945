package dev.files.store.redis;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read access to a Redis keyspace for the syncer: every record id of a shard in order (the shard's
 * {@code g:v:a} set), records and versions by id in one pipelined call per shard, the shards'
 * change streams, and raw commands (consumer groups: XREADGROUP, XACK, XAUTOCLAIM, XTRIM) bounded
 * and translated like every call of the store. It never writes records.
 */
public final class RedisSyncSource {
  private final RedisCalls calls;
  private final RedisKeys keys;

  private RedisSyncSource(RedisCalls calls, RedisKeys keys) {
    this.calls = calls;
    this.keys = keys;
  }

  /** Connects with the store's configuration (same url, prefix and shards as the service). */
  public static RedisSyncSource open(Vertx vertx, RedisStoreConfig c) {
    return new RedisSyncSource(RedisCalls.open(vertx, c), new RedisKeys(c.prefix(), c.shards()));
  }

  public int shards() {
    return keys.shards();
  }

  /** The change stream of shard {@code n}. */
  public String stream(int n) {
    return keys.changes(n);
  }

  /** The shard a stream key belongs to, or -1. */
  public int shardOfStream(String stream) {
    for (int n = 0; n < keys.shards(); n++) {
      if (keys.changes(n).equals(stream)) {
        return n;
      }
    }
    return -1;
  }

  /**
   * Up to {@code limit} record ids of shard {@code n} after {@code after} (null: from the start).
   */
  public Future<List<String>> ids(int n, String after, int limit) {
    return calls
        .send(
            Request.cmd(Command.ZRANGEBYLEX)
                .arg(
                    keys.shard(n) + RedisKeys.visibility(RedisKeys.globalLevel(), IndexEntries.ALL))
                .arg(after == null ? "-" : "(" + after)
                .arg("+")
                .arg("LIMIT")
                .arg(0)
                .arg(limit),
            "list ids of shard " + n)
        .map(
            r -> {
              List<String> out = new ArrayList<>(r.size());
              r.forEach(x -> out.add(x.toString()));
              return out;
            });
  }

  /** How many records shard {@code n} holds. */
  public Future<Long> count(int n) {
    return calls
        .send(
            Request.cmd(Command.ZCARD)
                .arg(
                    keys.shard(n)
                        + RedisKeys.visibility(RedisKeys.globalLevel(), IndexEntries.ALL)),
            "count records of shard " + n)
        .map(Response::toLong);
  }

  /** The records of shard {@code n} among {@code ids}; an id without a record is left out. */
  public Future<Map<String, FileRecord>> records(int n, List<String> ids) {
    List<Request> reads = new ArrayList<>(ids.size());
    ids.forEach(id -> reads.add(Request.cmd(Command.HGETALL).arg(keys.record(n, id))));
    return calls
        .batch(reads, "read records of shard " + n)
        .map(
            replies -> {
              Map<String, FileRecord> out = new LinkedHashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                FileRecord r = RedisCodec.fromHash(replies.get(i));
                if (r != null) {
                  out.put(ids.get(i), r);
                }
              }
              return out;
            });
  }

  /** The versions of the records of shard {@code n} among {@code ids}; absent ones left out. */
  public Future<Map<String, Long>> versions(int n, List<String> ids) {
    List<Request> reads = new ArrayList<>(ids.size());
    ids.forEach(id -> reads.add(Request.cmd(Command.HGET).arg(keys.record(n, id)).arg("version")));
    return calls
        .batch(reads, "read versions of shard " + n)
        .map(
            replies -> {
              Map<String, Long> out = new LinkedHashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                Response v = replies.get(i);
                if (v != null) {
                  out.put(ids.get(i), Long.parseLong(v.toString()));
                }
              }
              return out;
            });
  }

  /** The shard of the record {@code uploadId} (from its id pointer), or -1 when it has none. */
  public Future<Integer> shardOf(String uploadId) {
    return calls
        .send(Request.cmd(Command.GET).arg(keys.idPointer(uploadId)), "find " + uploadId)
        .map(r -> r == null ? -1 : keys.shardOf(r.toString()));
  }

  /** One command, bounded by the store's timeout; failures are {@code FileError}s. */
  public Future<Response> send(Request request, String what) {
    return calls.send(request, what);
  }

  public Future<Void> close() {
    return calls.close();
  }
}
