package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The syncer as its own process ({@code SyncerCommand} in a child JVM), killed with SIGKILL in the
 * middle of its work and started again: nothing lost, nothing applied twice in a harmful way.
 */
class CrashIT extends SyncerTestBase {

  @Test
  void followerKilledMidBatchIsTakenOverByAnother() throws Exception {
    GroupStreams group = new GroupStreams(ends.redis(), config.group(), "parent");
    await(group.ensureGroups());
    List<FileRecord> records = createMany(300, 50);

    long t0 = System.nanoTime();
    Child first = Child.start(this, "c1", "--batch", "50", "follow");
    first.awaitOutput("running", 30);
    int round = 0;
    while (pending() == 0 || metricsOfGroupAckedNothing()) {
      updateWave(records, round++);
      assertTrue(round < 200, "the child never had entries in flight");
    }
    step(t0, "c1 running and busy");
    first.kill();
    assertTrue(pending() > 0, "killed with entries delivered but not acknowledged");

    // more changes while no syncer runs, including deletes
    updateWave(records, round++);
    List<Future<?>> deletes = new ArrayList<>();
    for (int i = 250; i < 275; i++) {
      FileRecord r = await(primary.get(records.get(i).uploadId()));
      deletes.add(primary.delete(r.uploadId(), r.version()));
    }
    await(Future.all(deletes));

    step(t0, "c1 killed, more writes done");
    Child second = Child.start(this, "c2", "--batch", "50", "follow");
    eventually(
        60,
        () -> pending() == 0 && lag() == 0 && verify(false).parity(),
        () -> "pending " + pending() + " lag " + lag() + " " + verify(false) + second.output());
    step(t0, "c2 reached parity");
    second.stop();
    Verifier.Report report = verify(false);
    assertEquals(275, report.redisRecords());
    assertEquals(275, report.couchRecords());
  }

  @Test
  void backfillKilledMidwayResumesFromItsCheckpoint() throws Exception {
    int n = 2_000;
    createMany(n, 100);
    Child first = Child.start(this, "b1", "--batch", "100", "backfill");
    eventually(
        60,
        () -> {
          JsonObject cp = await(ends.couch().readLocal(Backfill.CHECKPOINT));
          return cp != null && cp.getLong("copied", 0L) >= 500;
        },
        () -> first.exited() + first.output());
    first.kill();
    long before = await(ends.couch().readLocal(Backfill.CHECKPOINT)).getLong("copied");
    assertTrue(before < n, "killed before the end");

    Child second = Child.start(this, "b2", "--batch", "100", "backfill");
    assertEquals(0, second.awaitExit(60), second.output());
    String out = second.output();
    assertTrue(out.contains("resumed from the checkpoint"), out);
    long copiedAgain =
        Long.parseLong(out.replaceAll("(?s).*finished: (\\d+) records copied.*", "$1"));
    assertTrue(copiedAgain <= n - before + 100, "resumed, not started over: " + copiedAgain);
    assertTrue(verify(false).parity());
  }

  private static void step(long t0, String what) {
    System.out.printf("%.2f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  private void updateWave(List<FileRecord> records, int round) {
    List<Future<?>> wave = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String id = records.get((round * 25 + i) % 250).uploadId();
      wave.add(
          primary
              .get(id)
              .compose(
                  r -> primary.update(r.toBuilder().name("round " + round).build(), r.version())));
    }
    await(Future.join(wave));
  }

  private boolean metricsOfGroupAckedNothing() {
    long[] sum = {0};
    for (int s = 0; s < ends.redis().shards(); s++) {
      Response groups =
          await(
              ends.redis()
                  .send(
                      Request.cmd(Command.XINFO).arg("GROUPS").arg(ends.redis().stream(s)),
                      "info"));
      groups.forEach(
          g -> {
            for (int i = 0; i + 1 < g.size(); i += 2) {
              if (g.get(i).toString().equals("entries-read") && g.get(i + 1) != null) {
                sum[0] += g.get(i + 1).toLong();
              }
            }
          });
    }
    return sum[0] - pending() <= 0;
  }

  private long pending() {
    long sum = 0;
    GroupStreams g = new GroupStreams(ends.redis(), config.group(), "parent");
    for (int s = 0; s < ends.redis().shards(); s++) {
      sum += await(g.groups(s)).stream().mapToLong(GroupStreams.GroupInfo::pending).sum();
    }
    return sum;
  }

  private long lag() {
    return await(
            Lag.measure(
                new GroupStreams(ends.redis(), config.group(), "parent"), ends.redis().shards()))
        .entries();
  }

  /** A syncer command line in a child JVM with the test classpath. */
  static final class Child {
    private final Process process;
    private final Path log;

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Child start(CrashIT test, String consumer, String... command) throws IOException {
      Path log = Files.createTempFile("syncer-child-" + consumer, ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("dev.files.syncer.cli.SyncerCommand");
      cmd.addAll(test.storeArgs());
      cmd.addAll(List.of("--consumer", consumer, "--claim-idle-ms", "500", "--poll-ms", "50"));
      cmd.addAll(List.of(command));
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Child(p, log);
    }

    String exited() {
      return process.isAlive() ? "" : "exited " + process.exitValue() + ": ";
    }

    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return e.toString();
      }
    }

    void awaitOutput(String text, int seconds) {
      eventually(seconds, () -> output().contains(text) || !process.isAlive(), this::output);
      assertTrue(process.isAlive(), output());
    }

    /** SIGKILL: no shutdown hook, no last acknowledgement. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    int awaitExit(int seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("still running: " + output());
      }
      return process.exitValue();
    }

    File logFile() {
      return log.toFile();
    }
  }
}
