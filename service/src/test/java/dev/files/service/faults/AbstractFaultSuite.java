package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the fault suites share: the service under a {@link ServiceLoad}, faults injected and healed
 * in turn with a {@link Tally} each (printed as a table when the class ends), the wait until the
 * service serves again by itself, and the check that nothing acknowledged was lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractFaultSuite {
  /** How long each fault lasts. */
  static final long FAULT_MS = 3_000;

  /** The longest the service may take to serve again after a fault ends, and any other wait. */
  static final long RECOVERY_BOUND_MS = 20_000;

  protected FilesServer server;
  protected Http http;
  protected ServiceLoad load;
  private final List<Tally> tallies = new ArrayList<>();

  /**
   * Starts the service and the load ({@code workers} users, answers bounded by {@code
   * answerBoundMs}). The timeouts under test are short, and a cold JVM on a loaded machine can need
   * longer than that for its very first backend calls at start: so the service is first started and
   * stopped once with {@code warmUp} (generous timeouts) over the same servers, which loads and
   * compiles what the start needs. Any failure of either start fails the class.
   */
  protected void startService(
      Map<String, String> env, Map<String, String> warmUp, int workers, long answerBoundMs) {
    Map<String, String> warmEnv = new HashMap<>(env);
    warmEnv.putAll(warmUp);
    TestServers.stop(TestServers.start(FilesServer.builder(TestServers.config(warmEnv))));
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    http = new Http(server.baseUrl());
    load = new ServiceLoad(server.baseUrl(), "root", workers, answerBoundMs);
  }

  /** Stops what the subclass started besides the service (servers, proxies). */
  protected abstract void release() throws Exception;

  @AfterAll
  void stopAll() throws Exception {
    if (load != null) {
      load.close();
      tallies.add(load.switchTo(new Tally("stopped")));
    }
    tallies.stream().filter(t -> t.total() > 0).forEach(t -> System.out.println(t.table()));
    TestServers.stop(server);
    release();
  }

  /** Counts the load under a tally of its own while {@code body} runs. */
  protected void settle(String name, Runnable body) {
    tallies.add(load.switchTo(new Tally(name)));
    body.run();
  }

  /** Injects a fault under load, heals it, and waits until the service answers again by itself. */
  protected void fault(String name, Runnable inject, Runnable heal) {
    tallies.add(load.switchTo(new Tally(name)));
    sleep(300);
    inject.run();
    sleep(FAULT_MS);
    heal.run();
    long healed = System.nanoTime();
    awaitUntil(this::serves, name + ": the service serves again");
    long recoveryMs = (System.nanoTime() - healed) / 1_000_000;
    System.out.println(name + ": served again " + recoveryMs + " ms after the fault ended");
    sleep(700);
    tallies.add(load.switchTo(new Tally("after: " + name)));
  }

  /** Stops the load and asserts that no answer of any fault broke the rules. */
  protected void stopLoadAndAssertEveryAnswer() throws InterruptedException {
    load.close();
    tallies.add(load.switchTo(new Tally("done")));
    for (Tally t : tallies) {
      assertEquals(List.of(), t.violations(), t.fault());
    }
  }

  /** Whether the service answers the request its stores need: files.list. */
  protected boolean serves() {
    Http.Reply list =
        http.post("/files/list", new JsonObject().put("username", "root").put("limit", 1).encode());
    return list.status() == 200;
  }

  /**
   * Every upload acknowledged with 200 is found by files.info, and every acknowledged PUT is
   * finished (after a files.sync, which finishes what a fault interrupted).
   */
  protected void nothingAcknowledgedIsLost() {
    Map<String, String> uploads = load.acknowledgedUploads();
    assertTrue(uploads.size() > 10, "uploads were acknowledged: " + uploads.size());
    for (Map.Entry<String, String> e : uploads.entrySet()) {
      Http.Reply info = info(e.getValue(), e.getKey());
      assertEquals(200, info.status(), "acknowledged upload " + e.getKey() + ": " + info.body());
    }
    assertEquals(
        200, http.post("/files/sync", new JsonObject().put("username", "root").encode()).status());
    Set<String> puts = load.acknowledgedPuts();
    for (String id : puts) {
      awaitUntil(
          () -> !"pending".equals(statusOf(uploads.get(id), id)),
          "the acknowledged PUT of " + id + " is finished");
    }
    System.out.println(
        "acknowledged uploads: " + uploads.size() + ", acknowledged PUTs: " + puts.size());
  }

  protected Http.Reply info(String owner, String id) {
    return http.post(
        "/files/info", new JsonObject().put("username", owner).put("uploadId", id).encode());
  }

  protected String statusOf(String owner, String id) {
    Http.Reply info = info(owner, id);
    assertEquals(200, info.status(), info.body());
    return info.json().getJsonObject("file").getString("status");
  }

  protected static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + RECOVERY_BOUND_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      sleep(50);
    }
  }

  protected static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
