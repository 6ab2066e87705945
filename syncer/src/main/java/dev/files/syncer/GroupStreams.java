package dev.files.syncer;

import dev.files.store.redis.RedisSyncSource;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer-group commands on one shard's change stream: create the group, read new or own
 * pending entries (XREADGROUP), take over entries of a crashed consumer (XAUTOCLAIM), acknowledge
 * (XACK), measure lag (XINFO GROUPS, XPENDING) and trim what every group has consumed (XTRIM
 * MINID).
 */
final class GroupStreams {
  private final RedisSyncSource redis;
  private final String group;
  private final String consumer;

  GroupStreams(RedisSyncSource redis, String group, String consumer) {
    this.redis = redis;
    this.group = group;
    this.consumer = consumer;
  }

  /**
   * Creates the group at the stream's current end unless it exists: changes from now on are
   * delivered to it (a backfill creates it before copying, so nothing written meanwhile is missed).
   */
  Future<Void> ensureGroup(int shard) {
    return redis
        .send(
            Request.cmd(Command.XGROUP)
                .arg("CREATE")
                .arg(redis.stream(shard))
                .arg(group)
                .arg("$")
                .arg("MKSTREAM"),
            "create consumer group")
        .<Void>mapEmpty()
        .recover(
            e ->
                String.valueOf(e.getMessage()).contains("BUSYGROUP")
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  Future<Void> ensureGroups() {
    List<Future<Void>> all = new ArrayList<>();
    for (int n = 0; n < redis.shards(); n++) {
      all.add(ensureGroup(n));
    }
    return Future.all(all).mapEmpty();
  }

  /** New entries ({@code ">"}) or this consumer's unacknowledged ones ({@code "0"}). */
  Future<List<StreamEntry>> read(int shard, boolean ownPending, int count) {
    return redis
        .send(
            Request.cmd(Command.XREADGROUP)
                .arg("GROUP")
                .arg(group)
                .arg(consumer)
                .arg("COUNT")
                .arg(count)
                .arg("STREAMS")
                .arg(redis.stream(shard))
                .arg(ownPending ? "0" : ">"),
            "read change stream")
        .map(
            r -> {
              List<StreamEntry> out = new ArrayList<>();
              if (r != null && r.size() > 0) {
                Response entries = r.get(0).get(1);
                entries.forEach(e -> out.add(StreamEntry.of(e)));
              }
              return out;
            });
  }

  /** Result of XAUTOCLAIM: the entries now ours and where the next scan of the PEL goes on. */
  record Claimed(List<StreamEntry> entries, List<String> gone, String next) {}

  /** Takes over entries other consumers have held unacknowledged for {@code idleMs}. */
  Future<Claimed> autoclaim(int shard, long idleMs, String from, int count) {
    return redis
        .send(
            Request.cmd(Command.XAUTOCLAIM)
                .arg(redis.stream(shard))
                .arg(group)
                .arg(consumer)
                .arg(idleMs)
                .arg(from)
                .arg("COUNT")
                .arg(count),
            "claim stale entries")
        .map(
            r -> {
              List<StreamEntry> entries = new ArrayList<>();
              List<String> gone = new ArrayList<>();
              r.get(1)
                  .forEach(
                      e -> {
                        if (e != null) {
                          entries.add(StreamEntry.of(e));
                        }
                      });
              if (r.size() > 2 && r.get(2) != null) {
                r.get(2).forEach(id -> gone.add(id.toString()));
              }
              return new Claimed(entries, gone, r.get(0).toString());
            });
  }

  Future<Void> ack(int shard, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Request req = Request.cmd(Command.XACK).arg(redis.stream(shard)).arg(group);
    ids.forEach(req::arg);
    return redis.send(req, "acknowledge entries").mapEmpty();
  }

  /** One group's state on a stream (XINFO GROUPS). */
  record GroupInfo(String name, long pending, String lastDelivered, Long lag) {}

  Future<List<GroupInfo>> groups(int shard) {
    return redis
        .send(Request.cmd(Command.XINFO).arg("GROUPS").arg(redis.stream(shard)), "stream groups")
        .map(
            r -> {
              List<GroupInfo> out = new ArrayList<>();
              if (r != null) {
                r.forEach(g -> out.add(groupInfo(g)));
              }
              return out;
            })
        .recover(
            e ->
                String.valueOf(e.getMessage()).contains("no such key")
                    ? Future.succeededFuture(List.of())
                    : Future.failedFuture(e));
  }

  private static GroupInfo groupInfo(Response flat) {
    String name = null;
    long pending = 0;
    String last = "0-0";
    Long lag = null;
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      Response v = flat.get(i + 1);
      switch (flat.get(i).toString()) {
        case "name" -> name = v.toString();
        case "pending" -> pending = v.toLong();
        case "last-delivered-id" -> last = v.toString();
        case "lag" -> lag = v == null ? null : v.toLong();
        default -> {}
      }
    }
    return new GroupInfo(name, pending, last, lag);
  }

  /** The smallest id a group still has pending, or null. */
  Future<String> oldestPending(int shard, String groupName) {
    return redis
        .send(
            Request.cmd(Command.XPENDING).arg(redis.stream(shard)).arg(groupName),
            "pending entries")
        .map(r -> r.get(0).toLong() == 0 || r.get(1) == null ? null : r.get(1).toString());
  }

  /** The first entry after {@code id}, or null. */
  Future<String> firstAfter(int shard, String id) {
    return redis
        .send(
            Request.cmd(Command.XRANGE)
                .arg(redis.stream(shard))
                .arg("(" + id)
                .arg("+")
                .arg("COUNT")
                .arg(1),
            "read change stream")
        .map(r -> r == null || r.size() == 0 ? null : r.get(0).get(0).toString());
  }

  /** Removes entries before {@code minId}. */
  Future<Long> trim(int shard, String minId) {
    return redis
        .send(
            Request.cmd(Command.XTRIM).arg(redis.stream(shard)).arg("MINID").arg(minId),
            "trim change stream")
        .map(Response::toLong);
  }

  /** The Redis server's clock in milliseconds (stream ids use it). */
  Future<Long> serverMillis() {
    return redis
        .send(Request.cmd(Command.TIME), "server time")
        .map(r -> r.get(0).toLong() * 1000 + r.get(1).toLong() / 1000);
  }

  String group() {
    return group;
  }
}
