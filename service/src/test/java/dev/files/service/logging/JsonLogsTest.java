package dev.files.service.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.files.error.FileError;
import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.service.trace.Tracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code log.format=json}: every line is a JSON object carrying the request's MDC and trace. */
class JsonLogsTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void aRefusedRequestLogsOneParseableLineWithItsUploadOwnerActionAndTrace() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(LogFormat.jsonEncoder(context));
    appender.setOutputStream(out);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    FilesServer server =
        TestServers.start(
            FilesServer.builder(TestServers.config(Map.of())).tracing(Tracing.with(sdk)));
    String id = UUID.randomUUID().toString();
    try {
      Http.Reply reply =
          new Http(server.baseUrl())
              .post(
                  "/files/info",
                  new JsonObject().put("username", "ann").put("uploadId", id),
                  "traceparent",
                  "00-" + TRACE_ID + "-b7ad6b7169203331-01");
      assertEquals(404, reply.status());
    } finally {
      TestServers.stop(server);
      root.detachAppender(appender);
      appender.stop();
      sdk.close();
    }

    List<JsonObject> lines =
        out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
    assertFalse(lines.isEmpty(), "every line parses as JSON");
    List<JsonObject> refused =
        lines.stream().filter(l -> l.getString("loggerName").endsWith("ActionDispatcher")).toList();
    assertEquals(1, refused.size(), "the refusal is logged once: " + lines);
    JsonObject line = refused.get(0);
    assertEquals("INFO", line.getString("level"));
    assertTrue(line.getString("formattedMessage").contains("not-found"), line.encode());
    JsonObject mdc = line.getJsonObject("mdc");
    assertEquals("files.info", mdc.getString("action"));
    assertEquals(id, mdc.getString("uploadId"));
    assertEquals("ann", mdc.getString("owner"));
    assertEquals(TRACE_ID, mdc.getString("trace_id"));
    assertEquals(16, mdc.getString("span_id").length());
  }

  @Test
  void theConsoleSwitchesToJsonAndBack() {
    OutputStreamAppender<ILoggingEvent> console = console();
    try {
      LogFormat.apply("json");
      assertTrue(console.getEncoder() instanceof JsonEncoder);
    } finally {
      LogFormat.apply("text");
    }
    assertFalse(console.getEncoder() instanceof JsonEncoder);
  }

  @Test
  void anUnknownFormatIsRefused() {
    FileError error = assertThrows(FileError.class, () -> LogFormat.apply("xml"));
    assertTrue(error.getMessage().contains("log.format"), error.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static OutputStreamAppender<ILoggingEvent> console() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    return (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
  }
}
