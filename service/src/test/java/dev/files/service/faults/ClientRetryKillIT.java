package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client's side of a SIGKILL during uploads (SQLite, local storage): a client whose PUT got no
 * answer retries the same signed PUT once the service is back. The retry either stores the bytes
 * (200) or finds them stored already (412, objects are written once, as GCS's {@code
 * ifGenerationMatch=0}); either way, after the reconciler every acknowledged upload is processed,
 * none is left pending, and the downloads are identical.
 *
 * <p>Whether the kill cuts any PUT is up to the scheduler; a run that cut none is repeated, at most
 * {@value #MAX_RUNS} times, so that the test does not pass without a retry.
 */
class ClientRetryKillIT {
  private static final int MAX_RUNS = 3;

  @Test
  void clientsThatRetryTheirCutPutsEndWithEveryUploadProcessed() throws Exception {
    List<Map<Integer, Integer>> retries = new ArrayList<>();
    for (int run = 1; run <= MAX_RUNS; run++) {
      KillOutcome outcome =
          KillScenario.run(
              "client-retry-" + run,
              Map.of("FILES_STORE_PRIMARY", "sqlite", "FILES_STORE_LIST", "sqlite"),
              KillScenario.Load.standard(50 + run).withClientRetries(),
              KillScenario.ALONE);
      KillScenario.assertNothingLostStuckOrCorrupt(outcome);
      assertEquals(0, outcome.pendingWithoutBytes, outcome.table());
      assertTrue(Set.of(200, 412).containsAll(outcome.retries.keySet()), outcome.table());
      retries.add(outcome.retries);
      if (!outcome.retries.isEmpty()) {
        return;
      }
    }
    fail("no kill of " + MAX_RUNS + " runs cut a PUT: " + retries);
  }
}
