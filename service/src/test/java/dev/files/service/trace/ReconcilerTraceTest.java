package dev.files.service.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.Http;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reconciler's files.sync runs, traced: each run is an internal span {@code files.sync} that
 * starts a trace of its own, with its store calls (the category scans, and the expiry of an
 * abandoned upload) under it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcilerTraceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TracedServer traced;
  private InMemorySpanExporter exporter;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    traced =
        TracedServer.start(Map.of("FILES_UPLOAD_TTL", "1s", "FILES_RECONCILE_INTERVAL", "200ms"));
    exporter = traced.exporter();
    http = traced.http();
  }

  @AfterAll
  void stop() {
    traced.close();
  }

  @Test
  void aSyncRunIsASpanWithItsStoreCallsUnderIt() {
    String owner = "sync-" + UUID.randomUUID();
    Http.Reply abandoned =
        http.post(
            "/files/upload",
            new JsonObject()
                .put("username", owner)
                .put("resumable", false)
                .put(
                    "files",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("type", "original")
                                .put("contentType", "text/plain")
                                .put("contentLength", 5)
                                .put("md5Hash", "5d41402abc4b2a76b9719d911017c592")
                                .put("originalName", "never-sent.txt")))
                .put("meta", new JsonObject().put("name", "abandoned")));
    assertEquals(200, abandoned.status(), abandoned.body());
    String id = abandoned.json().getString("uploadId");

    SpanData expiry = await(() -> storeCall("store.delete", id), "files.sync expires " + id);
    SpanData sync = spanById(expiry.getParentSpanId());
    assertEquals("files.sync", sync.getName());
    assertEquals(SpanKind.INTERNAL, sync.getKind());
    assertFalse(sync.getParentSpanContext().isValid(), "a run is a trace of its own");
    assertEquals("files.sync", sync.getAttributes().get(SpanTags.ACTION));
    assertEquals("files.sync", expiry.getAttributes().get(SpanTags.ACTION));
    assertEquals(SpanKind.CLIENT, expiry.getKind());

    List<SpanData> under = childrenOf(sync);
    assertTrue(
        under.stream().anyMatch(s -> s.getName().equals("store.list")),
        "the category scans are under the run: " + under);
    assertTrue(
        under.stream()
            .anyMatch(
                s ->
                    s.getName().equals("store.update")
                        && id.equals(s.getAttributes().get(SpanTags.UPLOAD_ID))),
        "the expiry mark is under the run: " + under);
    assertTrue(
        under.stream()
            .allMatch(
                s ->
                    s.getKind() == SpanKind.CLIENT
                        && s.getTraceId().equals(sync.getTraceId())
                        && (s.getName().startsWith("store.")
                            || s.getName().startsWith("storage."))),
        "only store and storage calls: " + under);
  }

  private Optional<SpanData> storeCall(String name, String id) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .filter(s -> id.equals(s.getAttributes().get(SpanTags.UPLOAD_ID)))
        .findFirst();
  }

  private SpanData spanById(String spanId) {
    return await(
        () ->
            exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(spanId))
                .findFirst(),
        "span " + spanId + " ends");
  }

  private List<SpanData> childrenOf(SpanData parent) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
        .toList();
  }

  private static <T> T await(java.util.function.Supplier<Optional<T>> probe, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
