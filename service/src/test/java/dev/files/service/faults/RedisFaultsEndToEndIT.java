package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.Http;
import dev.files.service.faults.FaultProxy.Direction;
import dev.files.service.faults.FaultProxy.Mode;
import dev.files.store.redis.RedisTestServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
class RedisFaultsEndToEndIT extends AbstractFaultSuite {
  private static final long REDIS_TIMEOUT_MS = 2_000;

  /**
   * The longest an answer may take: one timeout (an action stops at its first store call that times
   * out, and files.upload withdraws its record in the background) plus a margin for a loaded
   * machine.
   */
  private static final long ANSWER_BOUND_MS = REDIS_TIMEOUT_MS + 3_000;

  private RedisTestServer redis;
  private FaultProxy proxy;

  @BeforeAll
  void start() throws Exception {
    redis =
        RedisTestServer.startNew(
            List.of(
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--enable-debug-command", "yes"));
    proxy = FaultProxy.to(redis.port());
    Map<String, String> env =
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
            Long.toString(REDIS_TIMEOUT_MS));
    startService(env, Map.of("FILES_STORE_REDIS_TIMEOUTMS", "30000"), 3, ANSWER_BOUND_MS);
  }

  @Override
  protected void release() {
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
    stopLoadAndAssertEveryAnswer();
    anUploadFrozenAtItsCreateScriptAnswersWithinOneTimeout();
    nothingAcknowledgedIsLost();
  }

  /**
   * Issue 11, point 3: the create timed out at its script, then releasing the id pointer waited for
   * another timeout. Alone (the load stopped), one upload meets Redis frozen at its create script:
   * it answers 503 after one timeout, before a second one could have passed (the margin up to two
   * timeouts is for a loaded machine).
   */
  private void anUploadFrozenAtItsCreateScriptAnswersWithinOneTimeout() {
    proxy.freezeOnceSeen(Direction.UPSTREAM, "\r\ncreate\r\n"); // the script's mode argument
    long start = System.nanoTime();
    Http.Reply reply = http.post("/files/upload", ServiceLoad.uploadBody("alone", new byte[] {1}));
    long ms = (System.nanoTime() - start) / 1_000_000;
    boolean froze = proxy.frozen(Direction.UPSTREAM);
    proxy.set(Direction.UPSTREAM, Mode.pass());
    System.out.println(
        "files.upload frozen at its create script: " + reply.status() + " in " + ms + " ms");
    assertTrue(froze, "the create script was frozen");
    assertEquals(503, reply.status(), reply.body());
    assertTrue(
        ms < 2 * REDIS_TIMEOUT_MS,
        "answered in " + ms + " ms: a second timeout of " + REDIS_TIMEOUT_MS + " ms was waited");
  }

  /** Keys that make loading take a while: they end up in the AOF's base by a rewrite. */
  private void fillFiller() {
    assertEquals("+OK", redis.command("DEBUG POPULATE 8000 filler 10"));
    redis.command("BGREWRITEAOF");
    awaitUntil(
        () -> redis.command("INFO persistence").contains("aof_rewrite_in_progress:0"),
        "the AOF rewrite ends");
  }

  /**
   * Starts Redis again with a per-key load delay: it answers LOADING for a few seconds (between
   * every kilobyte it loads, so it answers at all).
   */
  private void restartLoading() {
    redis.start(
        List.of("--key-load-delay", "200", "--loading-process-events-interval-bytes", "1024"));
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
}
