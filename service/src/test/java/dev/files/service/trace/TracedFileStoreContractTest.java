package dev.files.service.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.Records;
import dev.files.store.tck.StoreFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracing decorator passes the whole store contract around a real SQLite store. The contract's
 * calls run outside a traced step, where the decorator only delegates; its own tests run calls
 * inside one, where it makes spans and stamps created records with the step's traceparent (which is
 * why the contract does not run inside a step: a stamped record is not the record it was given).
 */
class TracedFileStoreContractTest extends FileStoreContract {
  private static final String BACKEND = "sqlite";
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk SDK =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                  .build())
          .build();

  @TempDir Path dir;

  @Override
  protected StoreFixture fixture() {
    JsonObject config = new JsonObject().put("path", dir.resolve("files.db").toString());
    return StoreFixture.reopening(
        vertx ->
            FileStoreProvider.named(BACKEND)
                .open(vertx, config)
                .map(store -> (FileStore) new TracedFileStore(store, BACKEND, Tracing.with(SDK))));
  }

  @AfterAll
  static void closeSdk() {
    SDK.close();
  }

  @Test
  void callsOutsideATracedStepMakeNoSpans() {
    SPANS.reset();
    FileRecord created = create(Records.processed("ann", "untraced"));
    get(created.uploadId());

    assertEquals(List.of(), SPANS.getFinishedSpanItems());
    assertNull(get(created.uploadId()).traceparent());
  }

  @Test
  void callsInATracedStepAreSpansOfTheBackendUnderTheStep() {
    SPANS.reset();
    Span step = SDK.getTracer("test").spanBuilder("step").startSpan();
    FileRecord created;
    try (Scope ignored = step.makeCurrent()) {
      created = create(Records.processed("ann", "traced"));
      get(created.uploadId());
      assertFails(ErrorCode.NOT_FOUND, store().get(Records.newId()));
    } finally {
      step.end();
    }

    List<SpanData> calls =
        SPANS.getFinishedSpanItems().stream()
            .filter(s -> s.getName().startsWith("store."))
            .toList();
    assertEquals(
        List.of("store.create", "store.get", "store.get"),
        calls.stream().map(SpanData::getName).toList());
    for (SpanData call : calls) {
      assertEquals(step.getSpanContext().getSpanId(), call.getParentSpanId(), call.getName());
      assertEquals(BACKEND, call.getAttributes().get(TracedFileStore.BACKEND), call.getName());
    }
    SpanData missing = calls.get(2);
    assertEquals(StatusCode.ERROR, missing.getStatus().getStatusCode());
    assertEquals(ErrorCode.NOT_FOUND.code(), missing.getAttributes().get(Tracing.ERROR_CODE));
    String traceparent = get(created.uploadId()).traceparent();
    assertTrue(
        traceparent != null && traceparent.contains(step.getSpanContext().getTraceId()),
        "created record's traceparent: " + traceparent);
  }
}
