package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.Http;
import dev.files.service.storage.Storages;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TracedServer;
import dev.files.service.trace.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One upload's whole life through the running service (SQLite, local storage, real HTTP), traced
 * into an in-memory exporter: files.upload, a resumable PUT cut and resumed, the storage
 * notification and files.finish, a processing attempt that a storage fault fails transiently and
 * the worker's retry, a client's repeated files.finish, files.tag.add, files.update, files.access
 * (public) and files.remove. Its history lists every change with who, versions, fields and origin,
 * and each entry's trace id is the trace of the span that wrote it; its spans all carry the
 * uploadId and the later steps link to the upload's request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracedUploadLifeEndToEndTest {
  private static final String TRACE_ID = "5e1f0c2b8a9d4e7f90a1b2c3d4e5f607";
  private static final String CLIENT_SPAN = "a1b2c3d4e5f60718";
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("files.attempt");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private TracedServer traced;
  private InMemorySpanExporter exporter;
  private OneFailedRead storage;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    traced =
        TracedServer.start(
            Map.of("FILES_AUTH_ADMINS", "root", "FILES_PROCESSING_RETRYDELAY", "100ms"),
            builder ->
                builder.storage(
                    (vertx, config, url) ->
                        Storages.open(vertx, config, url)
                            .map(
                                real -> {
                                  storage = new OneFailedRead(real);
                                  return storage;
                                })));
    exporter = traced.exporter();
    http = traced.http();
  }

  @AfterAll
  void stop() {
    traced.close();
  }

  @Test
  void theHistoryAndTheTraceOfAnUploadThatWasRetriedTaggedSharedAndRemoved() throws Exception {
    String owner = AbstractEndToEndTest.user();
    byte[] bytes = AbstractEndToEndTest.png(40, 20);
    Http.Reply created =
        http.post(
            "/files/upload",
            AbstractEndToEndTest.uploadBody(
                owner,
                new JsonArray()
                    .add(AbstractEndToEndTest.part("original", "image/png", bytes, "life.png")),
                true,
                AbstractEndToEndTest.meta("life")),
            "traceparent",
            "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01",
            "X-Request-Id",
            "req-life-1");
    assertEquals(200, created.status(), created.body());
    String id = created.json().getString("uploadId");
    JsonObject part = created.json().getJsonArray("files").getJsonObject(0);
    storage.arm(id);
    AbstractEndToEndTest.sendCutAndResumed(part.getString("location"), bytes);
    awaitStatus(owner, id, "processed");
    JsonObject again =
        ok("/files/finish", new JsonObject().put("filename", part.getString("filename")));
    assertTrue(again.getBoolean("alreadyFinished"), "a repeated finish writes nothing");
    ok("/files/tag/add", base(owner, id).put("tags", new JsonArray().add("beach")));
    ok("/files/update", base(owner, id).put("meta", new JsonObject().put("name", "life, renamed")));
    ok("/files/access", base(owner, id).put("setPublic", true));
    ok("/files/remove", base(owner, id).put("softDelete", true));

    JsonArray entries = AbstractEndToEndTest.historyOf(http, "root", id);
    assertHistory(entries, owner);
    assertSpans(id, owner, entries);
  }

  private void assertHistory(JsonArray entries, String owner) {
    List<String> steps = new ArrayList<>();
    long version = 0;
    for (Object o : entries) {
      JsonObject e = (JsonObject) o;
      steps.add(e.getString("action") + " by " + e.getString("actor"));
      assertEquals(version, e.getLong("versionBefore"), "versions follow each other: " + e);
      version = e.getLong("versionAfter");
      assertEquals(e.getLong("versionBefore") + 1, version, "one version per entry: " + e);
      assertNotNull(e.getLong("at"));
      assertNotNull(e.getJsonObject("origin").getString("traceId"), "traced: " + e);
    }
    assertEquals(
        List.of(
            "files.upload by " + owner,
            "files.upload by " + owner,
            "files.finish by storage-notification",
            "files.process by processing-worker",
            "files.process by processing-worker",
            "files.process by processing-worker",
            "files.process by processing-worker",
            "files.tag.add by " + owner,
            "files.update by " + owner,
            "files.access by " + owner,
            "files.remove by " + owner),
        steps,
        entries.encodePrettily());
    JsonObject upload = entries.getJsonObject(0);
    assertEquals("http", transportOf(upload));
    assertEquals("req-life-1", upload.getJsonObject("origin").getString("requestId"));
    assertEquals(TRACE_ID, upload.getJsonObject("origin").getString("traceId"));
    assertEquals("life", change(upload, "name").getString("new"));
    assertEquals("notification", transportOf(entries.getJsonObject(2)));
    assertEquals("uploaded", change(entries.getJsonObject(2), "status").getString("new"));
    assertEquals("internal", transportOf(entries.getJsonObject(3)));
    assertEquals("processing", change(entries.getJsonObject(3), "status").getString("new"));
    JsonObject cut = entries.getJsonObject(4);
    assertEquals("uploaded", change(cut, "status").getString("new"), "transient: back to uploaded");
    assertTrue(change(cut, "error").getString("new").contains("cut"), cut.encode());
    assertEquals("processing", change(entries.getJsonObject(5), "status").getString("new"));
    assertEquals("processed", change(entries.getJsonObject(6), "status").getString("new"));
    assertEquals(
        new JsonArray().add("beach"), change(entries.getJsonObject(7), "tags").getValue("new"));
    assertEquals("life, renamed", change(entries.getJsonObject(8), "name").getString("new"));
    assertEquals(true, change(entries.getJsonObject(9), "public").getValue("new"));
    assertNotNull(change(entries.getJsonObject(10), "deletedAt").getValue("new"));
    for (int i : new int[] {7, 8, 9, 10}) {
      assertEquals("http", transportOf(entries.getJsonObject(i)));
    }
  }

  private void assertSpans(String id, String owner, JsonArray entries) {
    AbstractEndToEndTest.awaitCondition(
        () -> !named("files.history").isEmpty(), "the history request's span ends");
    List<SpanData> all = exporter.getFinishedSpanItems();
    for (SpanData span : all) {
      assertEquals(id, uploadIdOf(span), span.getName() + " carries the uploadId: " + span);
    }

    SpanData upload = only(SpanKind.SERVER, "files.upload");
    assertEquals(TRACE_ID, upload.getTraceId());
    assertEquals(CLIENT_SPAN, upload.getParentSpanId());
    for (SpanData request : kind(SpanKind.SERVER)) {
      assertTrue(
          all.stream()
              .anyMatch(
                  s ->
                      s.getKind() == SpanKind.CLIENT
                          && s.getName().startsWith("store.")
                          && s.getParentSpanId().equals(request.getSpanId())),
          request.getName() + " has its store calls under it");
    }
    assertTrue(childNamed(upload, "storage.signUpload") != null, "the session is under the upload");

    SpanData notification = only(SpanKind.CONSUMER, "files.notification");
    SpanData finish = only(SpanKind.INTERNAL, "files.finish");
    assertEquals(notification.getSpanId(), finish.getParentSpanId());
    assertLinked(notification, upload);
    assertLinked(finish, upload);
    assertEquals(
        1,
        kind(SpanKind.SERVER).stream().filter(s -> s.getName().equals("files.finish")).count(),
        "the client's repeated files.finish is a request of its own");

    List<SpanData> attempts =
        named("files.process").stream()
            .sorted(
                (a, b) ->
                    Long.compare(a.getAttributes().get(ATTEMPT), b.getAttributes().get(ATTEMPT)))
            .toList();
    assertEquals(2, attempts.size(), "the failed attempt and its retry: " + attempts);
    SpanData failed = attempts.get(0);
    SpanData retried = attempts.get(1);
    assertEquals(
        List.of(1L, 2L), attempts.stream().map(s -> s.getAttributes().get(ATTEMPT)).toList());
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals("unavailable", failed.getAttributes().get(Tracing.ERROR_CODE));
    SpanData cutRead = childNamed(failed, "storage.read");
    assertNotNull(cutRead, "the cut read is under the failed attempt");
    assertEquals("unavailable", cutRead.getAttributes().get(Tracing.ERROR_CODE));
    assertEquals(StatusCode.UNSET, retried.getStatus().getStatusCode());
    assertNotNull(childNamed(retried, "storage.read"));
    for (SpanData attempt : attempts) {
      assertEquals(finish.getSpanId(), attempt.getParentSpanId(), "finish signalled processing");
      assertLinked(attempt, upload);
      assertEquals(owner, attempt.getAttributes().get(SpanTags.OWNER));
    }

    for (Object o : entries) {
      JsonObject entry = (JsonObject) o;
      String traceId = entry.getJsonObject("origin").getString("traceId");
      Set<String> writers =
          all.stream()
              .filter(s -> s.getTraceId().equals(traceId))
              .filter(s -> s.getKind() != SpanKind.CLIENT)
              .map(SpanData::getName)
              .collect(Collectors.toSet());
      assertTrue(
          writers.contains(entry.getString("action")),
          "the trace of " + entry.encode() + " holds its action's span: " + writers);
      if ("http".equals(transportOf(entry))) {
        List<SpanData> requests =
            kind(SpanKind.SERVER).stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        assertEquals(1, requests.size(), "one request per trace: " + requests);
        assertEquals(entry.getString("action"), requests.get(0).getName());
      }
    }
    assertEquals(
        notification.getTraceId(),
        entries.getJsonObject(2).getJsonObject("origin").getString("traceId"));
    for (int i = 3; i <= 6; i++) {
      assertEquals(
          failed.getTraceId(),
          entries.getJsonObject(i).getJsonObject("origin").getString("traceId"));
    }
  }

  private void awaitStatus(String owner, String id, String status) {
    AbstractEndToEndTest.awaitCondition(
        () ->
            status.equals(
                ok("/files/info", base(owner, id)).getJsonObject("file").getString("status")),
        id + " becomes " + status);
  }

  private JsonObject ok(String path, JsonObject body) {
    Http.Reply reply = http.post(path, body);
    assertEquals(200, reply.status(), path + " " + body.encode() + " -> " + reply.body());
    return reply.json();
  }

  private static JsonObject base(String username, String id) {
    return new JsonObject().put("username", username).put("uploadId", id);
  }

  private static String transportOf(JsonObject entry) {
    return entry.getJsonObject("origin").getString("transport");
  }

  private static JsonObject change(JsonObject entry, String field) {
    JsonObject change = entry.getJsonObject("changes").getJsonObject(field);
    assertNotNull(change, field + " changed in " + entry.encode());
    return change;
  }

  private static String uploadIdOf(SpanData span) {
    return span.getAttributes().get(SpanTags.UPLOAD_ID);
  }

  private List<SpanData> named(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  private List<SpanData> kind(SpanKind kind) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind).toList();
  }

  private SpanData only(SpanKind kind, String name) {
    List<SpanData> spans = kind(kind).stream().filter(s -> s.getName().equals(name)).toList();
    assertEquals(1, spans.size(), kind + " " + name + ": " + spans);
    return spans.get(0);
  }

  private SpanData childNamed(SpanData parent, String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name) && s.getParentSpanId().equals(parent.getSpanId()))
        .findFirst()
        .orElse(null);
  }

  private static void assertLinked(SpanData span, SpanData upload) {
    assertTrue(
        span.getLinks().stream()
            .anyMatch(
                l ->
                    l.getSpanContext().getTraceId().equals(upload.getTraceId())
                        && l.getSpanContext().getSpanId().equals(upload.getSpanId())),
        span.getName() + " links to the upload request: " + span.getLinks());
  }
}
