package dev.files.service.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The spans of one whole upload through the running service (SQLite, local storage, real HTTP): the
 * upload request, its store and storage calls, the storage notification, files.finish and the
 * processing run, all carrying the uploadId and linked to the upload's request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTraceTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private TracedServer traced;
  private InMemorySpanExporter exporter;
  private FilesServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    traced = TracedServer.start(Map.of());
    exporter = traced.exporter();
    server = traced.server();
    http = traced.http();
  }

  @AfterAll
  void stop() {
    traced.close();
  }

  @BeforeEach
  void forget() {
    exporter.reset();
  }

  @Test
  void theSpansOfOneUploadShareItsIdAndLinkToItsRequest() throws Exception {
    String owner = "trace-" + UUID.randomUUID();
    byte[] bytes = "hello, traces\n".getBytes(StandardCharsets.UTF_8);
    Http.Reply reply =
        http.post(
            "/files/upload",
            uploadBody(owner, bytes),
            "traceparent",
            "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");
    assertEquals(200, reply.status(), reply.body());
    String id = reply.json().getString("uploadId");
    JsonObject part = reply.json().getJsonArray("files").getJsonObject(0);
    assertEquals(200, put(part, bytes));
    await(() -> named("files.process").stream().anyMatch(s -> id.equals(uploadIdOf(s))));

    SpanData upload = only("files.upload");
    assertEquals(SpanKind.SERVER, upload.getKind());
    assertEquals(TRACE_ID, upload.getTraceId(), "the request continues the caller's trace");
    assertEquals(CLIENT_SPAN, upload.getParentSpanId());
    assertEquals(id, uploadIdOf(upload));
    assertEquals(owner, upload.getAttributes().get(SpanTags.OWNER));
    assertChild(upload, "store.create");
    assertChild(upload, "storage.signUpload");

    SpanData notification = only("files.notification");
    assertLinked(notification, upload);
    SpanData finish = only("files.finish");
    assertEquals(notification.getSpanId(), finish.getParentSpanId());
    assertLinked(finish, upload);
    assertChild(finish, "store.get");
    assertChild(finish, "store.update");
    assertChild(finish, "storage.stat");

    SpanData process = only("files.process");
    assertEquals(finish.getSpanId(), process.getParentSpanId(), "finish signalled the processing");
    assertLinked(process, upload);
    assertChild(process, "storage.read");
    assertChild(process, "store.update");

    List<SpanData> all = exporter.getFinishedSpanItems();
    for (SpanData span : all) {
      assertEquals(id, uploadIdOf(span), span.getName() + " carries the uploadId");
    }
    assertTrue(all.size() >= 12, "spans: " + all.size());
  }

  @Test
  void aBusRequestContinuesTheTraceItsHeadersCarry() {
    String traceparent = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";
    String id = UUID.randomUUID().toString();
    Throwable failure =
        TestServers.await(
            server
                .vertx()
                .eventBus()
                .request(
                    "files.info",
                    new JsonObject().put("username", "bob").put("uploadId", id),
                    new DeliveryOptions().addHeader("traceparent", traceparent))
                .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())));
    assertTrue(failure != null, "no such upload");
    await(() -> !named("files.info").isEmpty());
    SpanData info = only("files.info");
    assertEquals(TRACE_ID, info.getTraceId());
    assertEquals(CLIENT_SPAN, info.getParentSpanId());
    assertEquals(id, uploadIdOf(info));
    assertEquals("not-found", info.getAttributes().get(Tracing.ERROR_CODE));
    assertFalse(named("store.get").isEmpty(), "the store call is traced too");
    assertEquals(info.getSpanId(), named("store.get").get(0).getParentSpanId());
  }

  private static String uploadIdOf(SpanData span) {
    return span.getAttributes().get(SpanTags.UPLOAD_ID);
  }

  private List<SpanData> named(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  private SpanData only(String name) {
    List<SpanData> spans = named(name);
    assertEquals(1, spans.size(), name + ": " + spans);
    return spans.get(0);
  }

  private void assertChild(SpanData parent, String name) {
    Predicate<SpanData> child =
        s ->
            s.getName().equals(name)
                && s.getParentSpanId().equals(parent.getSpanId())
                && s.getKind() == SpanKind.CLIENT;
    assertTrue(
        exporter.getFinishedSpanItems().stream().anyMatch(child),
        name + " under " + parent.getName() + ": " + exporter.getFinishedSpanItems());
  }

  private static void assertLinked(SpanData span, SpanData upload) {
    SpanContext target = upload.getSpanContext();
    List<LinkData> links = span.getLinks();
    assertTrue(
        links.stream()
            .anyMatch(
                l ->
                    l.getSpanContext().getTraceId().equals(target.getTraceId())
                        && l.getSpanContext().getSpanId().equals(target.getSpanId())),
        span.getName() + " links to the upload request: " + links);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static JsonObject uploadBody(String owner, byte[] bytes) throws Exception {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("contentLength", bytes.length)
            .put(
                "md5Hash", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)))
            .put("originalName", "hello.txt");
    return new JsonObject()
        .put("username", owner)
        .put("resumable", false)
        .put("files", new JsonArray().add(part))
        .put("meta", new JsonObject().put("name", "traced"));
  }

  private static int put(JsonObject part, byte[] bytes) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(part.getString("location")))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    part.getJsonObject("headers", new JsonObject())
        .forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
