package dev.files.syncer;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Trims each shard's change stream to what every consumer group on it has consumed: entries before
 * the smallest of (each group's oldest pending entry, or its last delivered entry when it has none
 * pending) are removed (XTRIM MINID). A stream without groups is left alone (the store's own MAXLEN
 * bounds it).
 */
final class Trimmer {
  private Trimmer() {}

  static Future<Long> trimAll(GroupStreams streams, int shards) {
    List<Future<Long>> all = new ArrayList<>();
    for (int n = 0; n < shards; n++) {
      all.add(trim(streams, n));
    }
    return Future.all(all)
        .map(
            f -> {
              long removed = 0;
              for (int i = 0; i < shards; i++) {
                removed += f.<Long>resultAt(i);
              }
              return removed;
            });
  }

  static Future<Long> trim(GroupStreams streams, int shard) {
    return streams
        .groups(shard)
        .compose(
            groups -> {
              if (groups.isEmpty()) {
                return Future.succeededFuture(0L);
              }
              List<Future<String>> keep = new ArrayList<>();
              for (GroupStreams.GroupInfo g : groups) {
                keep.add(
                    g.pending() > 0
                        ? streams.oldestPending(shard, g.name())
                        : Future.succeededFuture(g.lastDelivered()));
              }
              return Future.all(keep)
                  .compose(
                      f -> {
                        String min = null;
                        for (int i = 0; i < keep.size(); i++) {
                          String id = f.resultAt(i);
                          if (id == null) {
                            id = groups.get(i).lastDelivered();
                          }
                          if (min == null || compare(id, min) < 0) {
                            min = id;
                          }
                        }
                        return "0-0".equals(min)
                            ? Future.succeededFuture(0L)
                            : streams.trim(shard, min);
                      });
            });
  }

  /** Orders stream ids ({@code ms-seq}) numerically. */
  static int compare(String a, String b) {
    long[] x = parse(a);
    long[] y = parse(b);
    return x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
  }

  private static long[] parse(String id) {
    int dash = id.indexOf('-');
    return dash < 0
        ? new long[] {Long.parseLong(id), 0}
        : new long[] {
          Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))
        };
  }
}
