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
  private final int batch;

  ChangeFeed(RedisCalls calls, RedisKeys keys, int batch) {
    this.calls = calls;
    this.keys = keys;
    this.batch = batch;
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
    int count = Math.min(limit, batch);
    List<Future<Response>> reads = new ArrayList<>();
    for (int n = 0; n < keys.shards(); n++) {
      reads.add(
          calls.send(
              Request.cmd(Command.XRANGE)
                  .arg(keys.changes(n))
                  .arg("(" + position[n])
                  .arg("+")
                  .arg("COUNT")
                  .arg(count),
              "read changes"));
    }
    return Future.all(reads).map(all -> merge(position, all.list(), since, limit, count));
  }

  /** One stream entry. */
  private record Entry(int shard, String id, long micros, Change change) {}

  /**
   * A k-way merge: always the head of some stream, so each stream's order is kept whatever the
   * clocks did; among heads the earliest server time ({@code t}) first. It stops early when a
   * stream that may hold more (it returned all {@code count} asked for) has run out, since its next
   * entry could come first; the next call goes on from there.
   */
  private ChangeBatch merge(
      String[] position, List<Response> perShard, String since, int limit, int count) {
    List<List<Entry>> streams = new ArrayList<>();
    for (int n = 0; n < perShard.size(); n++) {
      List<Entry> entries = new ArrayList<>();
      for (Response e : perShard.get(n)) {
        entries.add(entry(n, e));
      }
      streams.add(entries);
    }
    int[] heads = new int[streams.size()];
    String[] at = position.clone();
    List<Change> out = new ArrayList<>();
    while (out.size() < limit) {
      Entry best = null;
      boolean blocked = false;
      for (int n = 0; n < streams.size(); n++) {
        if (heads[n] >= streams.get(n).size()) {
          blocked |= streams.get(n).size() == count;
        } else {
          Entry head = streams.get(n).get(heads[n]);
          if (best == null || head.micros < best.micros) {
            best = head;
          }
        }
      }
      if (best == null || blocked) {
        break;
      }
      heads[best.shard]++;
      at[best.shard] = best.id;
      Change c = best.change;
      out.add(new Change(String.join(",", at), c.uploadId(), c.version(), c.op()));
    }
    return new ChangeBatch(out, out.isEmpty() ? since : out.get(out.size() - 1).seq());
  }

  private static Entry entry(int shard, Response e) {
    String id = e.get(0).toString();
    Response fields = e.get(1);
    String uploadId = null;
    long version = 0;
    ChangeOp op = null;
    long micros = Long.parseLong(id.substring(0, id.indexOf('-'))) * 1000;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String v = fields.get(i + 1).toString();
      switch (fields.get(i).toString()) {
        case "u" -> uploadId = v;
        case "v" -> version = Long.parseLong(v);
        case "o" -> op = ChangeOp.valueOf(v.toUpperCase(Locale.ROOT));
        case "t" -> micros = Long.parseLong(v);
        default -> {}
      }
    }
    return new Entry(shard, id, micros, new Change(null, uploadId, version, op));
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
