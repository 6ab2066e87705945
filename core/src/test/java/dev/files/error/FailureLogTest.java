package dev.files.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLogTest {
  private static final Duration QUIET = Duration.ofSeconds(30);

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final RecordingLogger logger = new RecordingLogger();
  private final FailureLog log = new FailureLog(logger, QUIET, clock::get);

  private static FileError redisDown(String what) {
    return FileError.unavailable(
        "redis is unavailable (" + what + "): Connection refused: /127.0.0.1:6379",
        new ConnectException("Connection refused"));
  }

  @Test
  void aBurstOfTransientFailuresLogsOneLineWithoutAStackTrace() {
    for (int i = 0; i < 1000; i++) {
      clock.addAndGet(5);
      log.failed("files.info", "", redisDown("get id-" + i));
    }
    assertEquals(1, logger.lines.size(), logger.lines.toString());
    RecordingLogger.Line down = logger.lines.get(0);
    assertEquals("WARN", down.level());
    assertNull(down.thrown(), "no stack trace for an outage");
    assertTrue(down.text().startsWith("backend down [redis is unavailable]"), down.text());
    assertTrue(down.text().contains("Connection refused"), "the detail is logged: " + down.text());
  }

  @Test
  void aLongOutageIsSummarisedOncePerQuietPeriodAndItsEndIsLogged() {
    for (int second = 0; second < 95; second++) {
      for (int i = 0; i < 10; i++) {
        log.failed("files.info", "", redisDown("get"));
      }
      clock.addAndGet(1000);
    }
    List<RecordingLogger.Line> warns = logger.at("WARN");
    assertEquals(4, warns.size(), "down at 0 s, then at 30, 60 and 90 s: " + warns);
    assertTrue(warns.get(1).text().startsWith("backend still down [redis is unavailable]: 300 "));

    log.succeeded("files.list");
    assertEquals(0, logger.at("INFO").size(), "another action's success says nothing of redis");
    log.succeeded("files.info");
    List<RecordingLogger.Line> infos = logger.at("INFO");
    assertEquals(1, infos.size());
    assertTrue(
        infos.get(0).text().startsWith("backend back up [redis is unavailable]: files.info"),
        infos.get(0).text());
    assertTrue(infos.get(0).text().contains("after 950 failures"), infos.get(0).text());

    log.succeeded("files.info");
    assertEquals(1, logger.at("INFO").size(), "back up is said once");
  }

  @Test
  void aCauseThatFlapsWithinTheQuietPeriodSaysNothingNew() {
    log.failed("files.info", "", redisDown("get"));
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(10);
      log.succeeded("files.info");
      log.failed("files.info", "", redisDown("get"));
    }
    assertEquals(2, logger.lines.size(), "down, then back up once: " + logger.lines);
  }

  @Test
  void eachBackendHasItsOwnOutage() {
    log.failed("files.info", "", redisDown("get"));
    log.failed(
        "files.list",
        "",
        FileError.unavailable("CouchDB at 127.0.0.1:5984 cannot be reached: refused", null));
    log.failed("files.download", "", FileError.unavailable("storage unavailable: stat b/o", null));
    log.failed("files.info", "", new TimeoutException("no reply in 3000 ms"));
    List<String> texts = logger.at("WARN").stream().map(RecordingLogger.Line::text).toList();
    assertEquals(4, texts.size(), texts.toString());
    assertTrue(texts.get(1).startsWith("backend down [CouchDB at 127.0.0.1]"), texts.get(1));
    assertTrue(texts.get(2).startsWith("backend down [storage unavailable]"), texts.get(2));
    assertTrue(texts.get(3).startsWith("backend down [timed out]"), texts.get(3));
  }

  @Test
  void manyDistinctCausesAreBounded() {
    for (int i = 0; i < 1000; i++) {
      log.failed("files.info", "", FileError.unavailable("backend-" + i + " is down", null));
    }
    assertEquals(Outages.MAX_CAUSES + 1, logger.lines.size(), "the rest share one cause");
  }

  @Test
  void internalErrorsCarryTheirStackTraceAndRefusalsAreOneInfoLine() {
    IllegalStateException bug = new IllegalStateException("bug");
    log.failed("files.head", "uploadId=u1", bug);
    log.failed("files.info", "uploadId=u2", FileError.notFound("no file u2"));
    RecordingLogger.Line error = logger.lines.get(0);
    assertEquals("ERROR", error.level());
    assertSame(bug, error.thrown());
    assertTrue(error.text().contains("files.head uploadId=u1 failed"), error.text());
    RecordingLogger.Line refused = logger.lines.get(1);
    assertEquals("INFO", refused.level());
    assertNull(refused.thrown());
    assertEquals("files.info uploadId=u2 refused: not-found no file u2", refused.text());
  }

  @Test
  void aRefusalOnABackendsAnswerEndsTheOutageAValidationDoesNot() {
    log.failed("files.info", "", redisDown("get"));
    log.failed("files.info", "", FileError.validation("uploadId is required"));
    assertTrue(logger.lines.stream().noneMatch(l -> l.text().startsWith("backend back up")));
    log.failed("files.info", "uploadId=u3", FileError.notFound("no file u3"));
    assertTrue(
        logger.lines.get(logger.lines.size() - 1).text().startsWith("backend back up"),
        logger.lines.toString());
  }
}
