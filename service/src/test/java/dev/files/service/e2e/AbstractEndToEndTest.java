package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The life of files through the running service: real HTTP on a free port, real bytes PUT to the
 * storage's signed URLs, the processing worker, the event bus. Every store backend can rerun it:
 * subclass and override {@link #environment} (this module's test-jar exports it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractEndToEndTest {
  /** Largest part the service under test accepts. */
  protected static final long MAX_SIZE = 8L * 1024 * 1024;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration WAIT = Duration.ofSeconds(30);

  protected FilesServer server;
  protected Http http;
  protected Path dataDir;

  /**
   * The backend's configuration as environment variables ({@code FILES_STORE_PRIMARY=...}); called
   * once per class before the service starts.
   */
  protected abstract Map<String, String> environment(Path dataDir) throws Exception;

  /** Called after the service stopped, to release what {@link #environment} started. */
  protected void release() throws Exception {}

  @BeforeAll
  void startService() throws Exception {
    dataDir = Files.createTempDirectory("files-e2e");
    Map<String, String> env = new HashMap<>();
    env.put("FILES_HTTP_PORT", "0");
    env.put("FILES_DATA_DIR", dataDir.toString());
    env.put("FILES_AUTH_ADMINS", "root");
    env.put("FILES_UPLOAD_MAXSIZE", String.valueOf(MAX_SIZE));
    env.put("FILES_PROCESSING_RETRYDELAY", "20ms");
    env.put("FILES_RECONCILE_INTERVAL", "0");
    // The test client stands for a proxy, so X-Forwarded-For names the client in the history.
    env.put("FILES_HTTP_TRUSTEDPROXIES", "127.0.0.1");
    env.putAll(environment(dataDir));
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  void stopService() throws Exception {
    TestServers.stop(server);
    release();
  }

  // ---- the life of a file ----

  @Test
  void aSinglePutUploadIsProcessedAndDownloadsIdentically() throws Exception {
    String owner = user();
    byte[] png = png(31, 17);
    JsonObject record =
        upload(owner, part("original", "image/png", png, "cat.png"), false, meta("A cat"));
    assertEquals("pending", record.getString("status"));
    assertEquals(owner, record.getString("owner"));
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    assertNotNull(part.getString("location"));
    assertEquals(200, putWhole(part, png), "the signed PUT stores the object");

    JsonObject file = awaitStatus(owner, record.getString("uploadId"), "processed");
    JsonObject processed = file.getJsonArray("files").getJsonObject(0);
    assertEquals("image/png", processed.getString("detectedContentType"));
    assertEquals(31, processed.getInteger("width"));
    assertEquals(17, processed.getInteger("height"));
    assertEquals(1, file.getInteger("uploaded"));
    assertEquals(png.length, file.getLong("contentLength"));
    assertNotNull(file.getLong("processedAt"));

    JsonObject download =
        ok(
            "/files/download",
            new JsonObject().put("username", owner).put("uploadId", record.getString("uploadId")));
    assertEquals(1, download.getJsonArray("urls").size());
    assertArrayEquals(png, get(download.getJsonArray("urls").getString(0)).body());
  }

  @Test
  void aResumableUploadInChunksIsProcessed() throws Exception {
    String owner = user();
    byte[] bytes = randomBytes(600_000);
    JsonObject record =
        upload(
            owner,
            part("original", "application/octet-stream", bytes, "blob.bin"),
            true,
            meta("chunks"));
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    String session = part.getString("location");
    int half = 256 * 1024;
    HttpResponse<byte[]> first = putRange(session, bytes, 0, half);
    assertEquals(308, first.statusCode());
    assertEquals("bytes=0-" + (half - 1), first.headers().firstValue("Range").orElse(""));
    HttpResponse<byte[]> last = putRange(session, bytes, half, bytes.length);
    assertTrue(
        last.statusCode() == 200 || last.statusCode() == 201, "final chunk: " + last.statusCode());

    String id = record.getString("uploadId");
    awaitStatus(owner, id, "processed");
    JsonObject download =
        ok("/files/download", new JsonObject().put("username", owner).put("uploadId", id));
    assertArrayEquals(bytes, get(download.getJsonArray("urls").getString(0)).body());
  }

  /**
   * One upload's whole history: created over HTTP through a trusted proxy, its resumable session
   * interrupted and resumed, the storage notification and a client's retried files.finish (which
   * writes nothing), processing by the worker, tagged, shared, soft-removed; then a hard remove
   * takes the history with the record.
   */
  @Test
  void theHistoryOfAnUploadThatWasRetriedTaggedSharedAndRemoved() throws Exception {
    String owner = user();
    byte[] bytes = png(40, 20);
    JsonObject meta = meta("history").put("source", "e2e camera");
    String[] headers = {
      "X-Forwarded-For", "203.0.113.9", "User-Agent", "files-e2e/1", "X-Request-Id", "req-up-1"
    };
    Http.Reply created =
        http.post(
            "/files/upload",
            uploadBody(
                owner,
                new JsonArray().add(part("original", "image/png", bytes, "h.png")),
                true,
                meta),
            headers);
    assertEquals(200, created.status(), created.body());
    JsonObject record = created.json();
    String id = record.getString("uploadId");
    String session = record.getJsonArray("files").getJsonObject(0).getString("location");
    sendCutAndResumed(session, bytes);
    awaitStatus(owner, id, "processed");
    String filename = record.getJsonArray("files").getJsonObject(0).getString("filename");
    JsonObject retried = ok("/files/finish", new JsonObject().put("filename", filename));
    assertTrue(retried.getBoolean("alreadyFinished"), "a retried finish writes nothing");
    ok("/files/tag/add", base(owner, id).put("tags", new JsonArray().add("beach")));
    ok("/files/access", base(owner, id).put("setPublic", true));

    JsonObject provenance = info(owner, id).getJsonObject("provenance");
    assertEquals("203.0.113.9", provenance.getString("clientAddress"));
    assertEquals("files-e2e/1", provenance.getString("userAgent"));
    assertEquals("req-up-1", provenance.getString("requestId"));
    assertEquals("e2e camera", provenance.getString("source"));
    assertNull(info(user(), id).getValue("provenance"), "provenance is the owner's");
    assertError(403, "forbidden", http.post("/files/history", base(user(), id)));

    ok("/files/remove", base(owner, id).put("softDelete", true));
    assertError(404, "not-found", http.post("/files/history", base(owner, id)));
    JsonArray entries = historyOf("root", id);
    List<String> steps = new ArrayList<>();
    for (Object o : entries) {
      JsonObject e = (JsonObject) o;
      steps.add(e.getString("action") + " by " + e.getString("actor"));
      assertEquals(
          e.getLong("versionBefore") + 1, e.getLong("versionAfter"), "one version per entry");
    }
    assertEquals(
        List.of(
            "files.upload by " + owner,
            "files.upload by " + owner,
            "files.finish by storage-notification",
            "files.process by processing-worker",
            "files.process by processing-worker",
            "files.tag.add by " + owner,
            "files.access by " + owner,
            "files.remove by " + owner),
        steps);
    JsonObject first = entries.getJsonObject(0);
    assertEquals("http", first.getJsonObject("origin").getString("transport"));
    assertEquals("203.0.113.9", first.getJsonObject("origin").getString("clientAddress"));
    assertEquals("history", first.getJsonObject("changes").getJsonObject("name").getString("new"));
    assertEquals(
        "notification", entries.getJsonObject(2).getJsonObject("origin").getString("transport"));
    assertEquals(
        "processed",
        entries.getJsonObject(4).getJsonObject("changes").getJsonObject("status").getString("new"));
    assertEquals(
        true,
        entries.getJsonObject(6).getJsonObject("changes").getJsonObject("public").getValue("new"));
    assertFalse(entries.encode().contains("X-Goog"), "no signature in the history");
    assertFalse(entries.encode().contains(session), "no upload location in the history");

    ok("/files/remove", base("root", id));
    assertError(404, "not-found", http.post("/files/history", base("root", id)));
  }

  /** Every history entry of a record, page by page. */
  protected JsonArray historyOf(String username, String id) {
    return historyOf(http, username, id);
  }

  /** Every history entry of a record, read through {@code http} in pages of 3. */
  static JsonArray historyOf(Http http, String username, String id) {
    JsonArray all = new JsonArray();
    String cursor = null;
    for (int pages = 0; pages < 100; pages++) {
      JsonObject body = base(username, id).put("limit", 3);
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      JsonObject page = ok(http, "/files/history", body);
      page.getJsonArray("entries").forEach(all::add);
      cursor = page.getString("cursor");
      if (cursor == null) {
        return all;
      }
    }
    throw new AssertionError("the history of " + id + " does not end");
  }

  @Test
  void aMultiPartUploadFinishesWithItsLastPart() throws Exception {
    String owner = user();
    byte[] original = png(64, 48);
    byte[] preview = png(8, 6);
    JsonObject record =
        upload(
            owner,
            new JsonArray()
                .add(part("original", "image/png", original, "a.png"))
                .add(part("preview", "image/png", preview, "a-small.png")),
            false,
            meta("two parts"));
    String id = record.getString("uploadId");
    assertEquals(2, record.getInteger("parts"));
    JsonArray parts = record.getJsonArray("files");
    assertEquals(200, putWhole(parts.getJsonObject(0), original));
    awaitCondition(() -> info(owner, id).getInteger("uploaded") == 1, "the first part is finished");
    JsonObject halfway = info(owner, id);
    assertEquals("pending", halfway.getString("status"));
    assertEquals(200, putWhole(parts.getJsonObject(1), preview));
    JsonObject file = awaitStatus(owner, id, "processed");
    assertEquals(64, file.getJsonArray("files").getJsonObject(0).getInteger("width"));
    assertEquals(8, file.getJsonArray("files").getJsonObject(1).getInteger("width"));

    JsonObject previews =
        ok(
            "/files/download",
            new JsonObject()
                .put("username", owner)
                .put("uploadId", id)
                .put("types", new JsonArray().add("preview")));
    assertEquals(1, previews.getJsonArray("urls").size());
    assertArrayEquals(preview, get(previews.getJsonArray("urls").getString(0)).body());
  }

  @Test
  void bytesWithAnotherMd5AreNeverStoredNorProcessed() throws Exception {
    String owner = user();
    byte[] declared = png(5, 5);
    byte[] sent = png(6, 6);
    JsonObject record =
        upload(owner, part("original", "image/png", declared, "x.png"), false, meta("liar"));
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    int status = putWhole(part, sent);
    assertTrue(status >= 400, "storage refuses bytes whose MD5 differs, got " + status);
    String id = record.getString("uploadId");
    Http.Reply finish =
        http.post("/files/finish", new JsonObject().put("filename", part.getString("filename")));
    assertEquals(404, finish.status(), finish.body());
    assertEquals("pending", info(owner, id).getString("status"));
    assertError(
        412,
        "not-ready",
        http.post("/files/process", new JsonObject().put("uploadId", id).put("username", "root")));
    assertError(
        412,
        "not-ready",
        http.post("/files/download", new JsonObject().put("username", owner).put("uploadId", id)));
  }

  @Test
  void bytesThatContradictTheDeclaredTypeFailProcessing() throws Exception {
    String owner = user();
    byte[] text =
        "just some text, not a picture at all\n".repeat(20).getBytes(StandardCharsets.UTF_8);
    JsonObject record =
        upload(owner, part("original", "image/png", text, "fake.png"), false, meta("fake"));
    assertEquals(200, putWhole(record.getJsonArray("files").getJsonObject(0), text));
    String id = record.getString("uploadId");
    JsonObject failed = awaitStatus(owner, id, "failed");
    assertNotNull(failed.getString("error"));
    assertEquals(
        1, failed.getInteger("errorCount"), "invalid content is final: no automatic retry");
    assertError(
        422,
        "invalid-content",
        http.post("/files/process", new JsonObject().put("uploadId", id).put("username", "root")));
    assertEquals(2, info(owner, id).getInteger("errorCount"), "an admin's retry fails and counts");
  }

  @Test
  void metadataTagsAccessAndRemoval() throws Exception {
    String owner = user();
    String other = user();
    String id = processedFile(owner, "holiday", new JsonObject().put("c_camera", "X100"));

    JsonObject updated =
        ok(
            "/files/update",
            base(owner, id)
                .put(
                    "meta",
                    new JsonObject()
                        .put("alias", " beach ")
                        .put("description", "sand")
                        .put("c_iso", 200)));
    assertEquals("beach", updated.getString("alias"));
    assertEquals(200, updated.getInteger("c_iso"));
    assertEquals("X100", updated.getString("c_camera"));
    long version = updated.getLong("version");
    assertError(
        409,
        "version-conflict",
        http.post(
            "/files/update",
            base(owner, id)
                .put("version", version - 1)
                .put("meta", new JsonObject().put("name", "stale"))));
    assertEquals("holiday", info(owner, id).getString("name"), "a stale update changes nothing");
    assertError(
        400,
        "validation",
        http.post(
            "/files/update", base(owner, id).put("meta", new JsonObject().put("colour", "red"))));
    assertError(
        403,
        "forbidden",
        http.post(
            "/files/update",
            base(other, id).put("meta", new JsonObject().put("name", "mine now"))));
    assertError(403, "forbidden", http.post("/files/remove", base(other, id)));
    assertEquals(version, info(owner, id).getLong("version"), "refused requests change nothing");

    String second = processedFile(owner, "second", new JsonObject());
    assertError(
        409,
        "alias-taken",
        http.post(
            "/files/update",
            base(owner, second).put("meta", new JsonObject().put("alias", "beach"))));
    JsonArray head =
        ok(
                "/files/head",
                new JsonObject()
                    .put("username", owner)
                    .put("aliases", new JsonArray().add("beach").add("nope")))
            .getJsonArray("uploadIds");
    assertEquals(id, head.getString(0));
    assertNull(head.getValue(1));
    assertEquals(
        id,
        ok("/files/info", new JsonObject().put("username", owner).put("alias", "beach"))
            .getJsonObject("file")
            .getString("uploadId"));

    JsonObject tagged =
        ok("/files/tag/add", base(owner, id).put("tags", new JsonArray().add("Sea").add("sun")));
    assertEquals(List.of("sea", "sun"), tagged.getJsonArray("tags").getList());
    JsonObject untagged =
        ok("/files/tag/remove", base(owner, id).put("tags", new JsonArray().add("sea")));
    assertEquals(List.of("sun"), untagged.getJsonArray("tags").getList());

    assertError(403, "forbidden", http.post("/files/info", base(other, id)));
    assertEquals(
        true, ok("/files/access", base(owner, id).put("setPublic", true)).getBoolean("public"));
    assertEquals(id, info(other, id).getString("uploadId"), "a public file is readable by anyone");
    JsonObject anonymous = ok("/files/download", new JsonObject().put("uploadId", id));
    assertEquals(200, get(anonymous.getJsonArray("urls").getString(0)).statusCode());
    ok("/files/access", base(owner, id).put("setPublic", false));
    assertError(403, "forbidden", http.post("/files/info", base(other, id)));

    assertTrue(ok("/files/remove", base(owner, id).put("softDelete", true)).getBoolean("removed"));
    assertError(404, "not-found", http.post("/files/info", base(owner, id)));
    assertEquals(
        id, info("root", id).getString("uploadId"), "an admin still sees a soft-deleted file");
    ok("/files/restore", base(owner, id));
    assertEquals("holiday", info(owner, id).getString("name"));

    String url = ok("/files/download", base(owner, id)).getJsonArray("urls").getString(0);
    ok("/files/remove", base(owner, id));
    assertError(404, "not-found", http.post("/files/info", base("root", id)));
    assertEquals(404, get(url).statusCode(), "a hard remove deletes the objects");
    assertEquals(
        List.of(id),
        List.of(
            ok(
                            "/files/head",
                            new JsonObject()
                                .put("username", owner)
                                .put("aliases", new JsonArray().add("beach")))
                        .getJsonArray("uploadIds")
                        .getValue(0)
                    == null
                ? id
                : "alias still taken"));
  }

  @Test
  void listsFilterSortAndPageWithACursor() throws Exception {
    String owner = user();
    String other = user();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = (i % 2 == 0 ? "quasar " : "plain ") + i;
      ids.add(processedFile(owner, name, new JsonObject().put("c_rank", i), 100 + i * 10));
    }
    ok("/files/access", base(owner, ids.get(4)).put("setPublic", true));

    JsonObject all = ok("/files/list", new JsonObject().put("username", owner).put("owner", owner));
    assertEquals(5, all.getInteger("total"));

    JsonObject quasars =
        ok(
            "/files/list",
            new JsonObject()
                .put("username", owner)
                .put("owner", owner)
                .put(
                    "filter",
                    new JsonObject()
                        .put("name", "QUASAR")
                        .put("contentLength", new JsonObject().put("gte", 0)))
                .put("criteria", "c_rank")
                .put("order", "ASC"));
    assertEquals(3, quasars.getInteger("total"));
    assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), uploadIds(quasars));

    List<String> walked = new ArrayList<>();
    JsonObject request =
        new JsonObject()
            .put("username", owner)
            .put("owner", owner)
            .put("criteria", "c_rank")
            .put("order", "DESC")
            .put("limit", 2);
    JsonObject page = ok("/files/list", request);
    assertEquals(3, page.getInteger("pages"));
    walked.addAll(uploadIds(page));
    while (page.getString("cursor") != null) {
      page = ok("/files/list", request.copy().put("cursor", page.getString("cursor")));
      walked.addAll(uploadIds(page));
    }
    List<String> expected = new ArrayList<>(ids);
    java.util.Collections.reverse(expected);
    assertEquals(expected, walked, "the cursor walks every file once, in order");

    JsonObject theirs =
        ok("/files/list", new JsonObject().put("username", other).put("owner", owner));
    assertEquals(List.of(ids.get(4)), uploadIds(theirs), "another user sees only public files");
    JsonObject report = ok("/files/report", new JsonObject().put("username", owner));
    assertEquals(5, report.getInteger("total"));
    assertEquals(1, report.getInteger("public"));
    assertError(
        403,
        "forbidden",
        http.post("/files/report", new JsonObject().put("username", other).put("owner", owner)));
  }

  @Test
  void everyApiErrorCodeFromARealRequest() throws Exception {
    String owner = user();
    String id = processedFile(owner, "errors", new JsonObject());
    assertError(
        400, "validation", http.post("/files/upload", new JsonObject().put("username", owner)));
    assertError(
        401, "unauthenticated", http.post("/files/download", new JsonObject().put("uploadId", id)));
    assertError(
        403,
        "forbidden",
        http.post("/files/download", new JsonObject().put("username", user()).put("uploadId", id)));
    assertError(
        404, "not-found", http.post("/files/info", base(owner, UUID.randomUUID().toString())));
    assertError(
        403, "forbidden", http.post("/files/sync", new JsonObject().put("username", owner)));
    JsonObject big =
        part("original", "image/png", new byte[] {1}, "big.png").put("contentLength", MAX_SIZE + 1);
    assertError(
        413,
        "too-large",
        http.post(
            "/files/upload", uploadBody(owner, new JsonArray().add(big), false, meta("big"))));
    JsonObject pending =
        upload(owner, part("original", "image/png", png(2, 2), "p.png"), false, meta("pending"));
    assertError(
        412,
        "not-ready",
        http.post(
            "/files/update",
            base(owner, pending.getString("uploadId"))
                .put("meta", new JsonObject().put("name", "n"))));
    // 409 alias-taken / version-conflict, 422 invalid-content: see the tests above.
  }

  @Test
  void syncIsForAdminsAndReportsWhatItDid() {
    JsonObject result = ok("/files/sync", new JsonObject().put("username", "root"));
    for (String key : List.of("scanned", "finished", "expired", "reprocessed", "purged")) {
      assertNotNull(result.getInteger(key), key);
    }
  }

  @Test
  void theEventBusServesTheSameLife() throws Exception {
    String owner = user();
    byte[] gif = image("gif", 12, 34);
    JsonObject record =
        bus(
            "files.upload",
            uploadBody(
                owner,
                new JsonArray().add(part("original", "image/gif", gif, "g.gif")),
                false,
                meta("bus")));
    String id = record.getString("uploadId");
    assertEquals(200, putWhole(record.getJsonArray("files").getJsonObject(0), gif));
    awaitCondition(
        () ->
            "processed"
                .equals(
                    bus("files.info", base(owner, id)).getJsonObject("file").getString("status")),
        "processed");
    assertEquals(
        34,
        bus("files.info", base(owner, id))
            .getJsonObject("file")
            .getJsonArray("files")
            .getJsonObject(0)
            .getInteger("height"));
    try {
      bus("files.info", base(user(), id));
      throw new AssertionError("another user's private file");
    } catch (ReplyException e) {
      assertEquals(403, e.failureCode());
      assertEquals(
          "forbidden", new JsonObject(e.getMessage()).getJsonObject("error").getString("code"));
    }
  }

  // ---- helpers ----

  protected static String user() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static JsonObject base(String username, String uploadId) {
    return new JsonObject().put("username", username).put("uploadId", uploadId);
  }

  protected static JsonObject meta(String name) {
    return new JsonObject().put("name", name);
  }

  protected static JsonObject part(
      String type, String contentType, byte[] bytes, String originalName) throws Exception {
    return new JsonObject()
        .put("type", type)
        .put("contentType", contentType)
        .put("contentLength", bytes.length)
        .put("md5Hash", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)))
        .put("originalName", originalName);
  }

  protected static JsonObject uploadBody(
      String owner, JsonArray parts, boolean resumable, JsonObject meta) {
    return new JsonObject()
        .put("username", owner)
        .put("files", parts)
        .put("meta", meta)
        .put("resumable", resumable);
  }

  protected JsonObject upload(String owner, JsonObject part, boolean resumable, JsonObject meta) {
    return upload(owner, new JsonArray().add(part), resumable, meta);
  }

  protected JsonObject upload(String owner, JsonArray parts, boolean resumable, JsonObject meta) {
    return ok("/files/upload", uploadBody(owner, parts, resumable, meta));
  }

  /**
   * Uploads a PNG of {@code width} x 3 with the given name and custom fields; waits until
   * processed.
   */
  protected String processedFile(String owner, String name, JsonObject custom) throws Exception {
    return processedFile(owner, name, custom, 10);
  }

  protected String processedFile(String owner, String name, JsonObject custom, int width)
      throws Exception {
    byte[] png = png(width, 3);
    JsonObject meta = meta(name);
    custom.forEach(e -> meta.put(e.getKey(), e.getValue()));
    JsonObject record =
        upload(owner, part("original", "image/png", png, name + ".png"), false, meta);
    assertEquals(200, putWhole(record.getJsonArray("files").getJsonObject(0), png));
    String id = record.getString("uploadId");
    awaitStatus(owner, id, "processed");
    return id;
  }

  protected JsonObject ok(String path, JsonObject body) {
    return ok(http, path, body);
  }

  private static JsonObject ok(Http http, String path, JsonObject body) {
    Http.Reply r = http.post(path, body);
    assertEquals(200, r.status(), path + " " + body.encode() + " -> " + r.body());
    return r.json();
  }

  protected JsonObject info(String username, String id) {
    return ok("/files/info", base(username, id)).getJsonObject("file");
  }

  protected JsonObject awaitStatus(String owner, String id, String status) {
    awaitCondition(
        () -> status.equals(info(owner, id).getString("status")), id + " becomes " + status);
    return info(owner, id);
  }

  protected static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
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

  protected static void assertError(int status, String code, Http.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    JsonObject error = reply.error();
    assertEquals(status, error.getInteger("status"));
    assertEquals(code, error.getString("code"), reply.body());
    assertFalse(error.getString("message").isEmpty());
  }

  protected JsonObject bus(String address, JsonObject body) {
    try {
      return (JsonObject)
          server
              .vertx()
              .eventBus()
              .request(address, body)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS)
              .body();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReplyException re) {
        throw re;
      }
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> uploadIds(JsonObject page) {
    return page.getJsonArray("files").stream()
        .map(f -> ((JsonObject) f).getString("uploadId"))
        .toList();
  }

  /** PUTs the whole object to the part's location with the headers the service asked for. */
  protected static int putWhole(JsonObject part, byte[] bytes) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(part.getString("location")))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    JsonObject headers = part.getJsonObject("headers", new JsonObject());
    headers.forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Sends half of {@code bytes} to a resumable session, then, as a client that lost the connection,
   * asks where the session stands and sends the rest; asserts each step.
   */
  static void sendCutAndResumed(String session, byte[] bytes) throws Exception {
    assertEquals(308, putRange(session, bytes, 0, bytes.length / 2).statusCode());
    HttpResponse<byte[]> status =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(session))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Range", "bytes */" + bytes.length)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(308, status.statusCode(), "the session is incomplete");
    int from =
        Integer.parseInt(status.headers().firstValue("Range").orElseThrow().split("-")[1]) + 1;
    int last = putRange(session, bytes, from, bytes.length).statusCode();
    assertTrue(last == 200 || last == 201, "the resumed upload completes: " + last);
  }

  private static HttpResponse<byte[]> putRange(String session, byte[] bytes, int from, int to)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(session))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + bytes.length)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(bytes, from, to)))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  protected static HttpResponse<byte[]> get(String url) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  protected static byte[] png(int width, int height) throws Exception {
    return image("png", width, height);
  }

  protected static byte[] image(String format, int width, int height) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, width * 31 + height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  protected static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new java.util.Random(n).nextBytes(b);
    return b;
  }
}
