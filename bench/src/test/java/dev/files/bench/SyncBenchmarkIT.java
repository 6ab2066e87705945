package dev.files.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the syncer benchmark working: 200 records, 3 s of writes at 50/s, on its own redis-server
 * and pouchdb-server (needs scripts/prereqs/redis.sh and pouchdb.sh; fails saying so otherwise).
 */
class SyncBenchmarkIT {

  @Test
  void syncBenchmarkReportsEveryRowAndEndsInParity() throws Exception {
    SyncCommand command = new SyncCommand();
    command.records = 200;
    command.rate = 50;
    command.seconds = 3;
    command.sampleEvery = 5;
    command.batch = 100;
    command.pollMs = 50;
    command.concurrency = 8;
    command.maxInFlight = 16;
    command.redisPool = 8;
    command.seed = 42;
    command.root = Path.of("..");

    SyncCommand.Outcome outcome = command.run();
    List<List<String>> rows = outcome.table().rows();

    assertEquals(
        List.of(
            "backfill",
            "backfill",
            "follow",
            "follow",
            "follow",
            "follow",
            "follow",
            "follow",
            "follow",
            "follow",
            "verify"),
        rows.stream().map(r -> r.get(0)).toList());
    assertTrue(rows.get(0).get(2).contains("(200 records in "), rows.get(0).get(2));
    assertTrue(rows.get(1).get(2).endsWith(" s"), "index build time: " + rows.get(1).get(2));
    assertTrue(rows.get(2).get(2).contains("; 0 errors;"), rows.get(2).get(2));
    assertTrue(rows.get(5).get(2).contains("; 0 never seen)"), rows.get(5).get(2));
    assertTrue(rows.get(6).get(2).contains(" updates)"), "index updates: " + rows.get(6).get(2));
    assertTrue(rows.get(8).get(2).contains("lag 0"), rows.get(8).get(2));
    assertTrue(rows.get(10).get(2).startsWith("PARITY"), rows.get(10).get(2));
    assertTrue(outcome.parity());
  }
}
