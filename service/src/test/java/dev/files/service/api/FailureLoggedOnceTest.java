package dev.files.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A failed action is logged once, by the dispatcher, with its MDC; only an {@code internal} failure
 * carries a stack trace. Nothing below (backend, storage, action) logs it again.
 */
class FailureLoggedOnceTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private FilesServer server;

  @BeforeEach
  void capture() {
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    TestServers.stop(server);
    root.detachAppender(captured);
    captured.stop();
  }

  @Test
  void anInternalFailureIsOneErrorLineWithItsStackTrace() {
    server =
        TestServers.start(
            FilesServer.builder(TestServers.config(Map.of())).actions(new TestActions()::create));
    Http.Reply reply =
        new Http(server.baseUrl())
            .post(
                "/files/head",
                new JsonObject().put("username", "ann").put("aliases", new JsonArray().add("a")));
    assertEquals(500, reply.status());

    List<ILoggingEvent> lines = about(TestActions.SECRET);
    assertEquals(1, lines.size(), "logged once: " + lines);
    ILoggingEvent line = lines.get(0);
    assertEquals(Level.ERROR, line.getLevel());
    assertEquals(ActionDispatcher.class.getName(), line.getLoggerName());
    assertNotNull(line.getThrowableProxy(), "a bug keeps its stack trace");
    assertEquals("files.head", line.getMDCPropertyMap().get("action"));
    assertEquals("ann", line.getMDCPropertyMap().get("owner"));
  }

  @Test
  void aStorageOutageDuringAnUploadIsOneWarningWithoutAStackTrace() {
    server =
        TestServers.start(
            FilesServer.builder(TestServers.config(Map.of()))
                .storage(
                    (vertx, config, url) ->
                        io.vertx.core.Future.succeededFuture(TestServers.emptyStorage(false))));
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("contentLength", 5)
            .put("md5Hash", "5d41402abc4b2a76b9719d911017c592")
            .put("originalName", "a.txt");
    Http.Reply reply =
        new Http(server.baseUrl())
            .post(
                "/files/upload",
                new JsonObject()
                    .put("username", "bea")
                    .put("files", new JsonArray().add(part))
                    .put("meta", new JsonObject().put("name", "a")));
    assertEquals(503, reply.status(), reply.body());

    List<ILoggingEvent> lines = about("storage is down");
    assertEquals(1, lines.size(), "logged once: " + lines);
    ILoggingEvent line = lines.get(0);
    assertEquals(Level.WARN, line.getLevel());
    assertEquals(ActionDispatcher.class.getName(), line.getLoggerName());
    assertNull(line.getThrowableProxy(), "an outage is not a bug: no stack trace");
    assertEquals("files.upload", line.getMDCPropertyMap().get("action"));
    assertEquals("bea", line.getMDCPropertyMap().get("owner"));
  }

  /** The lines whose message or stack trace mentions {@code text}. */
  private List<ILoggingEvent> about(String text) {
    synchronized (captured) {
      return captured.list.stream()
          .filter(
              e ->
                  e.getFormattedMessage().contains(text)
                      || (e.getThrowableProxy() != null
                          && String.valueOf(e.getThrowableProxy().getMessage()).contains(text)))
          .toList();
    }
  }
}
