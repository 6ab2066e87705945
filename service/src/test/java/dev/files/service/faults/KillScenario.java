package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.faults.KillAudit.Reconciled;
import dev.files.service.faults.KillAudit.Seen;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One kill test from start to tally: the service as a child JVM on a fresh data directory,
 * concurrent uploads, SIGKILL once a number of PUTs completed, a restart on the same data,
 * files.sync as the admin until everything settled, then every processed file downloaded and
 * compared.
 *
 * <p>The service runs with its reconciler timer off ({@code reconcile.interval=0}) so that the
 * test's own files.sync calls are what recovers, and with a short processing lease (2 s) and
 * stuckAfter (1 s): their defaults (5 and 10 minutes) are how long a real deployment waits before
 * taking over records a crash left in {@code processing} or {@code uploaded}.
 */
final class KillScenario {
  static final String ADMIN = "kill-admin";
  private static final Duration RECONCILE_LIMIT = Duration.ofSeconds(30);
  private static final Duration STORM_LIMIT = Duration.ofSeconds(60);

  /**
   * How many uploads (of sizes in {@code [minSize, maxSize]} bytes), by how many concurrent
   * clients, after how many completed PUTs the service is killed, and whether the clients retry the
   * PUTs the kill cut once the service is back.
   */
  record Load(
      int uploads,
      int clients,
      int killAfterPuts,
      int minSize,
      int maxSize,
      long seed,
      boolean clientsRetry) {
    /** 150 uploads of 1 KiB to 256 KiB by 12 clients, killed after 50 completed PUTs. */
    static Load standard(long seed) {
      return new Load(150, 12, 50, 1024, 256 * 1024, seed, false);
    }

    /**
     * 60 uploads by 12 clients, killed as soon as every PUT completed: the kill lands in the finish
     * and processing work that follows the last PUTs.
     */
    static Load allPutsThenKill(long seed) {
      return new Load(60, 12, 60, 1024, 256 * 1024, seed, false);
    }

    /** The same load, whose clients retry their cut PUTs after the restart. */
    Load withClientRetries() {
      return new Load(uploads, clients, killAfterPuts, minSize, maxSize, seed, true);
    }
  }

  /** What else fails with the service (e.g. its Redis): killed with it, restarted before it. */
  interface Companion {
    void kill();

    void restart();
  }

  static final Companion ALONE =
      new Companion() {
        @Override
        public void kill() {}

        @Override
        public void restart() {}
      };

  private KillScenario() {}

  static Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("FILES_AUTH_ADMINS", ADMIN);
    env.put("FILES_RECONCILE_INTERVAL", "0");
    env.put("FILES_PROCESSING_LEASE", "2s");
    env.put("FILES_PROCESSING_STUCKAFTER", "1s");
    return env;
  }

  /** Runs the scenario and returns its tally, after printing it; asserts only that it ran. */
  static KillOutcome run(String name, Map<String, String> env, Load load, Companion companion)
      throws Exception {
    Path work = Files.createTempDirectory("files-kill-" + name + "-");
    Path data = Files.createDirectories(work.resolve("data"));
    Map<String, String> all = baseEnvironment();
    all.putAll(env);
    boolean passed = false;
    try {
      KillOutcome outcome = runIn(name, work, data, all, load, companion);
      System.out.println("kill test " + name + " (seed " + load.seed() + "):\n" + outcome.table());
      outcome.problems.forEach(p -> System.out.println("  " + p));
      passed = outcome.problems.isEmpty();
      return outcome;
    } finally {
      if (passed) {
        deleteTree(work);
      } else {
        System.out.println("kill test " + name + ": logs and data kept in " + work);
      }
    }
  }

  private static KillOutcome runIn(
      String name, Path work, Path data, Map<String, String> env, Load load, Companion companion)
      throws Exception {
    String owner = "kill-" + name;
    List<KillUpload> uploads = uploads(load);
    int exitStatus;
    try (ServiceChild first = ServiceChild.start(data, env, work.resolve("first.log"));
        KillUploadStorm storm =
            new KillUploadStorm(
                first.baseUrl(), owner, uploads, load.clients(), load.killAfterPuts())) {
      storm.start();
      storm.awaitPuts(STORM_LIMIT);
      storm.stop();
      companion.kill();
      exitStatus = first.kill();
      storm.awaitClients(STORM_LIMIT);
    }
    assertEquals(137, exitStatus, "the service died of SIGKILL (128 + 9)");
    if (load.killAfterPuts() < load.uploads()) {
      assertTrue(
          uploads.stream().filter(u -> u.started).count() < load.uploads(),
          "the kill came in the middle of the uploads");
    }
    companion.restart();
    List<KillUpload> acknowledged = uploads.stream().filter(KillUpload::acknowledged).toList();
    try (ServiceChild second = ServiceChild.start(data, env, work.resolve("restart.log"))) {
      KillAudit audit = new KillAudit(second.baseUrl(), owner, ADMIN, data.resolve("blobs"));
      Map<String, Integer> atRestart = audit.statuses(acknowledged);
      if (load.clientsRetry()) {
        retryCutPuts(acknowledged, second.baseUrl());
      }
      Reconciled reconciled = audit.reconcile(acknowledged, RECONCILE_LIMIT);
      KillOutcome outcome = new KillOutcome(name, exitStatus, uploads, atRestart, reconciled);
      for (Map.Entry<KillUpload, Seen> e : reconciled.seen().entrySet()) {
        if (e.getValue().is("processed") && !audit.downloadMatches(e.getKey())) {
          outcome.corrupt(e.getKey());
        }
      }
      return outcome;
    }
  }

  /**
   * What a client does whose PUT got no answer: the same signed PUT again, now to the restarted
   * service (only the port changed; the signature covers path and query, not the host).
   */
  private static void retryCutPuts(List<KillUpload> acknowledged, String baseUrl) throws Exception {
    for (KillUpload u : acknowledged) {
      if (!u.putCompleted()) {
        URI signed = URI.create(u.part.getString("location"));
        URI again = URI.create(baseUrl + signed.getRawPath() + "?" + signed.getRawQuery());
        u.retryStatus = KillUploadStorm.put(again, u.part, u.bytes);
      }
    }
  }

  private static List<KillUpload> uploads(Load load) {
    SplittableRandom random = new SplittableRandom(load.seed());
    List<KillUpload> uploads = new ArrayList<>();
    for (int i = 0; i < load.uploads(); i++) {
      uploads.add(KillUpload.random(i, random, load.minSize(), load.maxSize()));
    }
    return uploads;
  }

  /** Asserts the three counts that must be 0, naming every upload that is not. */
  static void assertNothingLostStuckOrCorrupt(KillOutcome o) {
    String problems = String.join("\n", o.problems);
    assertEquals(0, o.lost, "lost uploads:\n" + problems);
    assertEquals(0, o.stuck, "stuck uploads:\n" + problems);
    assertEquals(0, o.corrupt, "corrupt uploads:\n" + problems);
    assertTrue(o.putCompleted > 0 && o.processed >= o.putCompleted, o.table());
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
