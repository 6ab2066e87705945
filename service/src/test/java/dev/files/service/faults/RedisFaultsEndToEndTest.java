package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.service.config.ServiceConfig;
import dev.files.service.faults.FaultProxy.Direction;
import dev.files.service.faults.FaultProxy.Mode;
import dev.files.store.redis.RedisTestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service with Redis as its store, reached through a {@link FaultProxy}, under a steady mixed
 * load ({@link ServiceLoad}) while Redis fails in turn: frozen, its connections closed, reset,
 * killed and restarted, loading a slow append-only file, and frozen right at a write script. Every
 * answer is 2xx or 503 {@code unavailable} with the error body, within twice the Redis timeout plus
 * a margin; the service recovers by itself; every upload and PUT it acknowledged is still there at
 * the end. Prints one table per fault (answers per status, longest answer).
 *
 * <p>Redis runs with {@code appendonly yes} and {@code appendfsync always}, so a write it
 * acknowledged survives SIGKILL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFaultsEndToEndTest {
  private static final long REDIS_TIMEOUT_MS = 2_000;

  /**
   * The longest an answer may take: two timeouts (files.upload deletes its record again when
   * storing the signed locations failed, and that delete may meet the same fault) plus a margin for
   * a loaded machine.
   */
  private static final long ANSWER_BOUND_MS = 2 * REDIS_TIMEOUT_MS + 2_000;

  private static final long FAULT_MS = 3_000;
  private static final long RECOVERY_BOUND_MS = 20_000;

  private RedisTestServer redis;
  private FaultProxy proxy;
  private FilesServer server;
  private Http http;
  private ServiceLoad load;
  private final List<Tally> tallies = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    redis =
        RedisTestServer.startNew(
            List.of(
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--enable-debug-command", "yes"));
    proxy = FaultProxy.to(redis.port());
    ServiceConfig config =
        TestServers.config(
            Map.of(
                "FILES_DATA_DIR",
                Files.createTempDirectory("files-faults").toString(),
                "FILES_AUTH_ADMINS",
                "root",
                "FILES_RECONCILE_INTERVAL",
                "0",
                "FILES_PROCESSING_RETRYDELAY",
                "20ms",
                "FILES_STORAGE_TYPE",
                "local",
                "FILES_STORE_PRIMARY",
                "redis",
                "FILES_STORE_LIST",
                "redis",
                "FILES_STORE_REDIS_URL",
                "redis://127.0.0.1:" + proxy.port(),
                "FILES_STORE_REDIS_PREFIX",
                redis.uniquePrefix(),
                "FILES_STORE_REDIS_TIMEOUTMS",
                Long.toString(REDIS_TIMEOUT_MS)));
    server = startService(config);
    http = new Http(server.baseUrl());
    load = new ServiceLoad(server.baseUrl(), "root", 3, ANSWER_BOUND_MS);
  }

  /**
   * Starts the service; a start whose first Redis calls (in a cold JVM on a loaded machine) took
   * longer than the short timeout is tried again, twice at most.
   */
  private static FilesServer startService(ServiceConfig config) {
    for (int attempt = 1; ; attempt++) {
      try {
        return TestServers.start(FilesServer.builder(config));
      } catch (AssertionError e) {
        if (attempt == 3) {
          throw e;
        }
        System.out.println("service start attempt " + attempt + " failed: " + e.getMessage());
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (load != null) {
      load.close();
      tallies.add(load.switchTo(new Tally("stopped")));
    }
    tallies.stream().filter(t -> t.total() > 0).forEach(t -> System.out.println(t.table()));
    TestServers.stop(server);
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  @Test
  void everyAnswerIs2xxOr503InTimeAndNothingAcknowledgedIsLost() throws Exception {
    load.start();
    settle("baseline", () -> sleep(1_500));
    fault(
        "Redis frozen (proxy holds bytes both ways)",
        () -> proxy.setBoth(Mode.freeze()),
        () -> proxy.setBoth(Mode.pass()));
    fault(
        "connections closed (FIN) under every reply",
        () -> proxy.set(Direction.DOWNSTREAM, Mode.close()),
        () -> proxy.set(Direction.DOWNSTREAM, Mode.pass()));
    fault(
        "connections reset (RST) under every reply",
        () -> proxy.set(Direction.DOWNSTREAM, Mode.reset()),
        () -> proxy.set(Direction.DOWNSTREAM, Mode.pass()));
    fault("Redis killed (SIGKILL) and restarted", redis::kill, () -> redis.start());
    fillFiller();
    fault("Redis restarted loading a slow AOF (LOADING)", redis::kill, this::restartLoading);
    fault(
        "Redis frozen at the first write script (EVALSHA)",
        () -> {
          proxy.freezeOnceSeen(Direction.UPSTREAM, "EVALSHA");
          awaitUntil(() -> proxy.frozen(Direction.UPSTREAM), "a script call froze the proxy");
        },
        () -> proxy.set(Direction.UPSTREAM, Mode.pass()));
    load.close();
    tallies.add(load.switchTo(new Tally("done")));
    for (Tally t : tallies) {
      assertEquals(List.of(), t.violations(), t.fault());
    }
    nothingAcknowledgedIsLost();
  }

  /** Counts the load under a tally of its own while {@code body} runs. */
  private void settle(String name, Runnable body) {
    tallies.add(load.switchTo(new Tally(name)));
    body.run();
  }

  /** Injects a fault under load, heals it, and waits until the service answers again by itself. */
  private void fault(String name, Runnable inject, Runnable heal) {
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

  private boolean serves() {
    Http.Reply list =
        http.post("/files/list", new JsonObject().put("username", "root").put("limit", 1).encode());
    return list.status() == 200;
  }

  /** Keys that make loading take a while: they end up in the AOF's base by a rewrite. */
  private void fillFiller() {
    assertEquals("+OK", redis.command("DEBUG POPULATE 15000 filler 10"));
    redis.command("BGREWRITEAOF");
    awaitUntil(
        () -> redis.command("INFO persistence").contains("aof_rewrite_in_progress:0"),
        "the AOF rewrite ends");
  }

  /** Starts Redis again with a per-key load delay: it answers LOADING for a few seconds. */
  private void restartLoading() {
    redis.start(List.of("--key-load-delay", "200"));
    boolean sawLoading = redis.command("PING").startsWith("-LOADING");
    long start = System.nanoTime();
    awaitUntil(redis::answersPing, "Redis loaded its data");
    System.out.println(
        "Redis answered LOADING: "
            + sawLoading
            + ", loading ended "
            + (System.nanoTime() - start) / 1_000_000
            + " ms after it first answered");
    assertTrue(sawLoading, "the restarted Redis was loading");
    redis.command("CONFIG SET key-load-delay 0");
  }

  private void nothingAcknowledgedIsLost() {
    Map<String, String> uploads = load.acknowledgedUploads();
    assertTrue(uploads.size() > 10, "uploads were acknowledged: " + uploads.size());
    for (Map.Entry<String, String> e : uploads.entrySet()) {
      Http.Reply info = info(e.getValue(), e.getKey());
      assertEquals(200, info.status(), "acknowledged upload " + e.getKey() + ": " + info.body());
    }
    // finishes that failed during a fault are what files.sync is for
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

  private Http.Reply info(String owner, String id) {
    return http.post(
        "/files/info", new JsonObject().put("username", owner).put("uploadId", id).encode());
  }

  private String statusOf(String owner, String id) {
    Http.Reply info = info(owner, id);
    assertEquals(200, info.status(), info.body());
    return info.json().getJsonObject("file").getString("status");
  }

  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + RECOVERY_BOUND_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      sleep(50);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
