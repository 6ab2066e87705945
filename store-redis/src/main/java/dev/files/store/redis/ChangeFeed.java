package dev.files.store.redis;

import dev.files.error.FileError;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeOp;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code changes(since, limit)} over the shards' streams. A seq is the vector of the last stream id
 * read from every shard ({@code id0,id1,...}); a read takes up to {@code limit} entries after it
 * from each stream (XRANGE with an exclusive start, one bounded call per shard) and merges them by
 * stream id, which is the order the one server applied them in. Each record lives in one shard, so
 * its changes are always in version order.
 */
final class ChangeFeed {
  private static final String START = "0-0";

  private final RedisCalls calls;
  private final RedisKeys keys;

  ChangeFeed(RedisCalls calls, RedisKeys keys) {
    this.calls = calls;
    this.keys = keys;
  }

  Future<ChangeBatch> read(String since, int limit) {
    if (limit < 1) {
      return Future.failedFuture(FileError.validation("limit must be >= 1"));
    }
    String[] position;
    try {
      position = decode(since);
    } catch (FileError e) {
      return Future.failedFuture(e);
    }
    List<Future<Response>> reads = new ArrayList<>();
    for (int n = 0; n < keys.shards(); n++) {
      reads.add(
          calls.send(
              Request.cmd(Command.XRANGE)
                  .arg(keys.changes(n))
                  .arg("(" + position[n])
                  .arg("+")
                  .arg("COUNT")
                  .arg(limit),
              "read changes"));
    }
    return Future.all(reads).map(all -> merge(position, all.list(), since, limit));
  }

  private ChangeBatch merge(String[] position, List<Response> perShard, String since, int limit) {
    record Entry(int shard, String id, long ms, long seq, Response fields) {}
    List<Entry> entries = new ArrayList<>();
    for (int n = 0; n < perShard.size(); n++) {
      for (Response e : perShard.get(n)) {
        String id = e.get(0).toString();
        int dash = id.indexOf('-');
        entries.add(
            new Entry(
                n,
                id,
                Long.parseLong(id.substring(0, dash)),
                Long.parseLong(id.substring(dash + 1)),
                e.get(1)));
      }
    }
    entries.sort(
        (a, b) ->
            a.ms != b.ms
                ? Long.compare(a.ms, b.ms)
                : a.seq != b.seq ? Long.compare(a.seq, b.seq) : Integer.compare(a.shard, b.shard));
    String[] at = position.clone();
    List<Change> out = new ArrayList<>();
    for (Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
      at[e.shard] = e.id;
      String uploadId = null;
      long version = 0;
      ChangeOp op = null;
      for (int i = 0; i + 1 < e.fields.size(); i += 2) {
        String v = e.fields.get(i + 1).toString();
        switch (e.fields.get(i).toString()) {
          case "u" -> uploadId = v;
          case "v" -> version = Long.parseLong(v);
          case "o" -> op = ChangeOp.valueOf(v.toUpperCase(Locale.ROOT));
          default -> {}
        }
      }
      out.add(new Change(String.join(",", at), uploadId, version, op));
    }
    return new ChangeBatch(out, out.isEmpty() ? since : out.get(out.size() - 1).seq());
  }

  private String[] decode(String since) {
    String[] position = new String[keys.shards()];
    if (since == null || since.isEmpty()) {
      Arrays.fill(position, START);
      return position;
    }
    String[] parts = since.split(",", -1);
    if (parts.length != keys.shards()) {
      throw FileError.validation("this change-feed position belongs to another keyspace");
    }
    for (String p : parts) {
      if (!p.matches("\\d+-\\d+")) {
        throw FileError.validation("invalid change-feed position");
      }
    }
    return parts;
  }
}
