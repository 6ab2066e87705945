package dev.files.service.trace;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A service for the tracing tests: SQLite, local storage in a fresh directory, real HTTP on a free
 * port, no reconciler unless asked, and every span it ends kept in memory.
 */
public final class TracedServer implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final FilesServer server;
  private final Http http;

  private TracedServer(Map<String, String> env, UnaryOperator<FilesServer.Builder> more)
      throws IOException {
    Map<String, String> all = new HashMap<>();
    all.put("FILES_STORE_PRIMARY", "sqlite");
    all.put("FILES_STORE_LIST", "sqlite");
    all.put("FILES_STORAGE_TYPE", "local");
    all.put("FILES_DATA_DIR", Files.createTempDirectory("files-traced").toString());
    all.put("FILES_RECONCILE_INTERVAL", "0");
    all.putAll(env);
    FilesServer.Builder builder =
        FilesServer.builder(TestServers.config(all)).tracing(Tracing.with(sdk));
    server = TestServers.start(more.apply(builder));
    http = new Http(server.baseUrl());
  }

  /** Starts one with {@code env} over the defaults above. */
  public static TracedServer start(Map<String, String> env) throws IOException {
    return start(env, builder -> builder);
  }

  /** Starts one with {@code env}, after {@code more} has set up the builder further. */
  public static TracedServer start(Map<String, String> env, UnaryOperator<FilesServer.Builder> more)
      throws IOException {
    return new TracedServer(env, more);
  }

  public InMemorySpanExporter exporter() {
    return exporter;
  }

  public FilesServer server() {
    return server;
  }

  public Http http() {
    return http;
  }

  @Override
  public void close() {
    TestServers.stop(server);
    sdk.close();
  }
}
