package dev.files.service.faults;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the embedded default (SQLite store, local storage) in the middle of concurrent
 * uploads; after a restart on the same data directory and the reconciler, nothing acknowledged is
 * lost, stuck or corrupt.
 */
class SqliteKillIT {
  @Test
  void killDuringConcurrentUploadsLosesNothing() throws Exception {
    KillOutcome outcome =
        KillScenario.run(
            "sqlite",
            Map.of("FILES_STORE_PRIMARY", "sqlite", "FILES_STORE_LIST", "sqlite"),
            KillScenario.Load.standard(11),
            KillScenario.ALONE);
    KillScenario.assertNothingLostStuckOrCorrupt(outcome);
  }
}
