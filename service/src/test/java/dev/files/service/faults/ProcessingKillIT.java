package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL between files.finish and processed: the service is killed as soon as the last of its
 * uploads' PUTs completed, while the finish and processing work of the last ones is under way.
 * Records the kill left {@code uploaded} (finished, processing never started) or {@code processing}
 * (claimed under a lease that died with the process) are processed after the restart by files.sync,
 * and their downloads are identical.
 *
 * <p>Where the kill lands is up to the scheduler; a run whose kill caught no record between finish
 * and processed is repeated, at most {@value #MAX_RUNS} times, so that the test does not pass
 * without having seen the case it is about.
 */
class ProcessingKillIT {
  private static final int MAX_RUNS = 3;

  @Test
  void recordsKilledBetweenFinishAndProcessedCompleteAfterRestartOnSqlite() throws Exception {
    killUntilCaught(
        "processing-sqlite",
        Map.of("FILES_STORE_PRIMARY", "sqlite", "FILES_STORE_LIST", "sqlite"),
        KillScenario.ALONE);
  }

  @Test
  void recordsKilledBetweenFinishAndProcessedCompleteAfterRestartOnRedis() throws Exception {
    Path dir = Files.createTempDirectory("files-kill-redis-");
    try (KillRedisServer redis = KillRedisServer.start(dir)) {
      killUntilCaught(
          "processing-redis",
          Map.of(
              "FILES_STORE_PRIMARY", "redis",
              "FILES_STORE_LIST", "redis",
              "FILES_STORE_REDIS_URL", redis.url()),
          KillScenario.ALONE);
    } finally {
      KillScenario.deleteTree(dir);
    }
  }

  private static void killUntilCaught(
      String name, Map<String, String> env, KillScenario.Companion companion) throws Exception {
    List<Integer> caught = new ArrayList<>();
    for (int run = 1; run <= MAX_RUNS; run++) {
      KillOutcome outcome =
          KillScenario.run(
              name + "-" + run, env, KillScenario.Load.allPutsThenKill(40 + run), companion);
      KillScenario.assertNothingLostStuckOrCorrupt(outcome);
      caught.add(outcome.betweenFinishAndProcessed());
      if (outcome.betweenFinishAndProcessed() > 0) {
        return;
      }
    }
    fail("no kill of " + MAX_RUNS + " caught a record after finish: " + caught);
  }
}
