package dev.files.syncer.cli;

import dev.files.syncer.Endpoints;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numbers of verify's progress bar: what Redis holds, and how many records were read. */
final class VerifyProgress {
  /** Verifier's progress line, "verify: read N redis and M couchdb records" (N, M grouped). */
  private static final Pattern READ = Pattern.compile("read ([^a-z]+) redis and ([^a-z]+) couchdb");

  private VerifyProgress() {}

  /** Records in Redis, over every shard. */
  static Future<Long> redisRecords(Endpoints ends) {
    List<Future<Long>> counts = new ArrayList<>();
    for (int n = 0; n < ends.redis().shards(); n++) {
      counts.add(ends.redis().count(n));
    }
    return Future.all(counts).map(all -> counts.stream().mapToLong(Future::result).sum());
  }

  /**
   * Records read from both ends so far, from the verifier's progress line (its only public view of
   * them); 0 when the line has another shape, which leaves the bar at its start but the command
   * unharmed.
   */
  static long recordsRead(String progress) {
    Matcher m = READ.matcher(progress);
    return m.find() ? digits(m.group(1)) + digits(m.group(2)) : 0;
  }

  private static long digits(String grouped) {
    String d = grouped.replaceAll("\\D", "");
    return d.isEmpty() ? 0 : Long.parseLong(d);
  }
}
