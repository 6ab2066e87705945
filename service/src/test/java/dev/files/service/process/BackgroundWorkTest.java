package dev.files.service.process;

import static dev.files.testing.Await.await;
import static dev.files.testing.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.blob.ObjectFinalized;
import dev.files.error.ErrorCode;
import dev.files.error.FailureLog;
import dev.files.error.FileError;
import dev.files.error.RecordingLogger;
import dev.files.service.reconcile.FinalizeIntake;
import dev.files.service.reconcile.FinishingSink;
import dev.files.service.reconcile.Reconciler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processing worker, the reconciler and the finalize intake, with recording actions. */
class BackgroundWorkTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  /** An action that records its calls and answers with {@code outcome(callNumber)}. */
  private record Recording(
      String name,
      List<JsonObject> calls,
      List<Caller> callers,
      Function<Integer, Future<JsonObject>> outcome)
      implements Action {
    Recording(String name, Function<Integer, Future<JsonObject>> outcome) {
      this(name, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), outcome);
    }

    @Override
    public Future<JsonObject> handle(Caller caller, JsonObject request) {
      calls.add(request);
      callers.add(caller);
      return outcome.apply(calls.size());
    }
  }

  @Test
  void theWorkerRetriesCurableFailuresUpToMaxTries() {
    Recording process =
        new Recording(
            "files.process",
            n ->
                n < 3
                    ? Future.failedFuture(FileError.unavailable("store down", null))
                    : Future.succeededFuture(new JsonObject()));
    await(vertx.deployVerticle(new ProcessingWorker(process, 5, Duration.ofMillis(5))));
    new ProcessSignals(vertx).schedule("id-1");
    until(WAIT, "process.calls().size() == 3", () -> process.calls().size() == 3);
    assertEquals("id-1", process.calls().get(0).getString("uploadId"));
    assertTrue(process.callers().get(0).admin(), "the worker acts as the system");
  }

  @Test
  void theWorkerGivesUpOnTransientFailuresAtMaxTries() throws Exception {
    Recording down =
        new Recording(
            "files.process", n -> Future.failedFuture(FileError.unavailable("store down", null)));
    await(vertx.deployVerticle(new ProcessingWorker(down, 3, Duration.ofMillis(1))));
    new ProcessSignals(vertx).schedule("id-2");
    until(WAIT, "down.calls().size() == 3", () -> down.calls().size() == 3);
    Thread.sleep(200);
    assertEquals(3, down.calls().size(), "no attempt beyond maxTries");
  }

  @Test
  void aStoreOutageLogsAFewLinesNotOnePerAttempt() {
    Recording down =
        new Recording(
            "files.process",
            n -> Future.failedFuture(FileError.unavailable("redis is unavailable: refused", null)));
    RecordingLogger logger = new RecordingLogger();
    FailureLog failures = new FailureLog(logger, Duration.ofSeconds(30), () -> 0L);
    await(vertx.deployVerticle(new ProcessingWorker(down, 5, Duration.ofMillis(1), failures)));
    ProcessSignals signals = new ProcessSignals(vertx);
    for (int i = 0; i < 50; i++) {
      signals.schedule("id-" + i);
    }
    until(WAIT, "down.calls().size() == 50 * 5", () -> down.calls().size() == 50 * 5);
    assertEquals(1, logger.lines().size(), logger.lines().toString());
    assertEquals("WARN", logger.lines().get(0).level());
  }

  @Test
  void theWorkerNeverRetriesPermanentFailures() throws Exception {
    for (ErrorCode code :
        List.of(
            ErrorCode.INVALID_CONTENT,
            ErrorCode.INTERNAL,
            ErrorCode.BUSY,
            ErrorCode.VERSION_CONFLICT)) {
      Recording failing =
          new Recording("files.process", n -> Future.failedFuture(new FileError(code, "no")));
      Vertx own = Vertx.vertx();
      try {
        await(own.deployVerticle(new ProcessingWorker(failing, 5, Duration.ofMillis(1))));
        new ProcessSignals(own).schedule("id-" + code.code());
        until(WAIT, "failing.calls().size() == 1", () -> failing.calls().size() == 1);
        Thread.sleep(100);
        assertEquals(1, failing.calls().size(), code.code() + " is not retried");
      } finally {
        await(own.close());
      }
    }
  }

  @Test
  void theReconcilerRunsSyncOnItsTimerAsTheSystem() {
    Recording sync =
        new Recording(
            "files.sync", n -> Future.succeededFuture(new JsonObject().put("finished", 0)));
    await(vertx.deployVerticle(new Reconciler(sync, Duration.ofMillis(20))));
    until(WAIT, "sync.calls().size() >= 2", () -> sync.calls().size() >= 2);
    assertTrue(sync.callers().get(0).admin());
    assertEquals(Reconciler.SYSTEM_USER, sync.calls().get(0).getString("username"));
  }

  @Test
  void finalizeEventsBecomeFilesFinish() throws Exception {
    Recording finish =
        new Recording(
            "files.finish",
            n ->
                n == 1
                    ? Future.succeededFuture(new JsonObject().put("finished", true))
                    : Future.failedFuture(FileError.notFound("unknown object")));
    await(vertx.deployVerticle(new FinalizeIntake(new FinishingSink(finish))));
    JsonObject event = new ObjectFinalized("files", "o/u/x.png", 7L, 10L, "bWQ1").toFinishRequest();
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    await(vertx.eventBus().request(ObjectFinalized.ADDRESS, event, local));
    assertEquals(event, finish.calls().get(0));
    assertTrue(finish.callers().get(0).admin());

    try {
      vertx
          .eventBus()
          .request(ObjectFinalized.ADDRESS, event, local)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      throw new AssertionError("the second finish fails");
    } catch (ExecutionException e) {
      ReplyException re = assertInstanceOf(ReplyException.class, e.getCause());
      assertEquals(404, re.failureCode());
    }
  }
}
