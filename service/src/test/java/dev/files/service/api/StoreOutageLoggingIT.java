package dev.files.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.store.redis.RedisTestServer;
import dev.files.testing.Eventually;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * A real Redis store that goes down (its port closed) under a burst of requests: every answer is a
 * 503 that names no host, port or driver, and the log gets a handful of lines, not one per request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageLoggingIT {
  private static final int BURST = 1000;

  private RedisTestServer redis;
  private FilesServer server;
  private Http http;
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  @BeforeAll
  void start() throws Exception {
    redis = RedisTestServer.startNew();
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR",
                        Files.createTempDirectory("files-outage-log").toString(),
                        "FILES_STORE_PRIMARY",
                        "redis",
                        "FILES_STORE_LIST",
                        "redis",
                        "FILES_STORE_REDIS_URL",
                        redis.url(),
                        "FILES_STORE_REDIS_PREFIX",
                        redis.uniquePrefix(),
                        "FILES_STORE_REDIS_TIMEOUTMS",
                        "10000"))));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stop() {
    TestServers.stop(server);
    if (redis != null) {
      redis.stop();
    }
  }

  @BeforeEach
  void capture() {
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    captured.stop();
  }

  @Test
  void anOutageAnswersPlain503sAndLogsItsStateChangesOnly() {
    JsonObject info =
        new JsonObject().put("username", "ann").put("uploadId", UUID.randomUUID().toString());
    assertEquals(404, http.post("/files/info", info).status());
    captured.list.clear();

    redis.stop();
    for (int i = 0; i < BURST; i++) {
      Http.Reply down = http.post("/files/info", info);
      assertEquals(503, down.status(), down.body());
      if (i == 0) {
        assertNoDriverDetail(down.body());
      }
    }
    assertNoDriverDetail(busFailure(info).getMessage());

    // The service's own lines: the Redis client may also log the connection it saw close
    // (vertx-redis-client's "Unhandled Error", and its assert under -ea), which is not ours to
    // shape.
    List<ILoggingEvent> burst =
        captured.list.stream().filter(e -> e.getLoggerName().startsWith("dev.files.")).toList();
    assertTrue(burst.size() <= 10, BURST + " failures logged " + burst.size() + " lines: " + burst);
    List<ILoggingEvent> downLines = containing(burst, "backend down [");
    assertEquals(1, downLines.size(), burst.toString());
    ILoggingEvent down = downLines.get(0);
    assertEquals(Level.WARN, down.getLevel());
    assertEquals("files.info", down.getMDCPropertyMap().get("action"));
    assertEquals(info.getString("uploadId"), down.getMDCPropertyMap().get("uploadId"));
    assertEquals("ann", down.getMDCPropertyMap().get("owner"));
    assertTrue(
        down.getFormattedMessage().contains(String.valueOf(redis.port())),
        "the log keeps the detail: " + down.getFormattedMessage());
    for (ILoggingEvent e : burst) {
      assertNull(e.getThrowableProxy(), "no stack trace for an outage: " + e);
    }

    redis.start();
    awaitCondition(() -> http.post("/files/info", info).status() == 404, "recovery");
    List<ILoggingEvent> upLines = containing(List.copyOf(captured.list), "backend back up [");
    assertEquals(1, upLines.size(), captured.list.toString());
    assertEquals(Level.INFO, upLines.get(0).getLevel());
  }

  private ReplyException busFailure(JsonObject request) {
    try {
      server
          .vertx()
          .eventBus()
          .request("files.info", request)
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      throw new AssertionError("files.info over the bus succeeded while Redis is down");
    } catch (java.util.concurrent.ExecutionException e) {
      ReplyException failure = assertInstanceOf(ReplyException.class, e.getCause());
      assertEquals(503, failure.failureCode());
      return failure;
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private void assertNoDriverDetail(String body) {
    for (String detail :
        List.of(
            "127.0.0.1", String.valueOf(redis.port()), "redis", "refused", "Exception", "io.")) {
      assertFalse(body.contains(detail), "'" + detail + "' reaches the client: " + body);
    }
    JsonObject error = new JsonObject(body).getJsonObject("error");
    assertEquals("unavailable", error.getString("code"));
    assertTrue(error.getJsonArray("details").isEmpty(), body);
  }

  private static List<ILoggingEvent> containing(List<ILoggingEvent> events, String text) {
    return events.stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  private static void awaitCondition(BooleanSupplier condition, String what) {
    Eventually.until(Duration.ofSeconds(30), "timed out waiting until " + what, condition);
  }
}
