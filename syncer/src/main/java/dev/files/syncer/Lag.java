package dev.files.syncer;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The follower's lag: entries of its group not yet acknowledged (never delivered plus pending) over
 * every shard, and the age of the oldest of them by the Redis server's clock.
 */
record Lag(long entries, double seconds) {

  static Future<Lag> measure(GroupStreams streams, int shards) {
    return streams
        .serverMillis()
        .compose(
            now -> {
              List<Future<Lag>> all = new ArrayList<>();
              for (int n = 0; n < shards; n++) {
                all.add(ofShard(streams, n, now));
              }
              return Future.all(all)
                  .map(
                      f -> {
                        long entries = 0;
                        double seconds = 0;
                        for (int i = 0; i < shards; i++) {
                          Lag l = f.resultAt(i);
                          entries += l.entries();
                          seconds = Math.max(seconds, l.seconds());
                        }
                        return new Lag(entries, seconds);
                      });
            });
  }

  private static Future<Lag> ofShard(GroupStreams streams, int shard, long now) {
    return streams
        .groups(shard)
        .compose(
            groups -> {
              GroupStreams.GroupInfo g =
                  groups.stream()
                      .filter(x -> streams.group().equals(x.name()))
                      .findFirst()
                      .orElse(null);
              if (g == null) {
                return Future.succeededFuture(new Lag(0, 0));
              }
              Future<String> pending =
                  g.pending() > 0
                      ? streams.oldestPending(shard, g.name())
                      : Future.succeededFuture(null);
              Future<String> unread = streams.firstAfter(shard, g.lastDelivered());
              return Future.all(pending, unread)
                  .map(
                      x -> {
                        long oldest = Long.MAX_VALUE;
                        if (pending.result() != null) {
                          oldest = StreamEntry.millisOf(pending.result());
                        }
                        if (unread.result() != null) {
                          oldest = Math.min(oldest, StreamEntry.millisOf(unread.result()));
                        }
                        long behind = g.lag() == null ? (unread.result() == null ? 0 : 1) : g.lag();
                        double seconds =
                            oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest) / 1000.0;
                        return new Lag(behind + g.pending(), seconds);
                      });
            });
  }
}
