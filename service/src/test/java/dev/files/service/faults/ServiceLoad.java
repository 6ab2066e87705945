package dev.files.service.faults;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady, bounded, mixed load on a running service over real HTTP: each worker (one user each)
 * repeats files.upload followed by the PUT of its bytes, files.info of one of its acknowledged
 * uploads, files.list of its files, and every tenth round files.sync as an admin, with a short
 * pause between rounds. Every answer is checked as it arrives: 2xx, or 503 with the error body
 * {@code {"error": {"status": 503, "code": "unavailable", "message": ...}}}, within {@code
 * answerBoundMs}; anything else is a violation of the current {@link Tally}. It remembers what the
 * service acknowledged (uploads answered 200, PUTs answered 200) for the loss check.
 */
final class ServiceLoad implements AutoCloseable {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
  private static final long PAUSE_MS = 15;
  private static final int MAX_REQUESTS_PER_WORKER = 5_000;

  private final String baseUrl;
  private final String admin;
  private final long answerBoundMs;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<Tally> tally = new AtomicReference<>(new Tally("warm-up"));
  private final Map<String, String> uploads = new ConcurrentHashMap<>(); // uploadId -> owner
  private final Set<String> putDone = ConcurrentHashMap.newKeySet();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  ServiceLoad(String baseUrl, String admin, int workerCount, long answerBoundMs) {
    this.baseUrl = baseUrl;
    this.admin = admin;
    this.answerBoundMs = answerBoundMs;
    for (int i = 0; i < workerCount; i++) {
      String user = "load" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      Thread t = new Thread(() -> work(user), "service-load-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
  }

  void start() {
    workers.forEach(Thread::start);
  }

  /** Counts what follows under a new tally and returns the previous one. */
  Tally switchTo(Tally next) {
    return tally.getAndSet(next);
  }

  /** uploadId -> owner of every upload the service acknowledged with 200. */
  Map<String, String> acknowledgedUploads() {
    return Map.copyOf(uploads);
  }

  /** uploadIds whose bytes the storage acknowledged with 200. */
  Set<String> acknowledgedPuts() {
    return Set.copyOf(putDone);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(TimeUnit.SECONDS.toMillis(CLIENT_TIMEOUT.toSeconds() * 2));
    }
  }

  private void work(String user) {
    List<String> mine = new ArrayList<>();
    for (int round = 0; running && round * 4 < MAX_REQUESTS_PER_WORKER; round++) {
      uploadAndPut(user, mine);
      if (!mine.isEmpty()) {
        String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
        call("info", "/files/info", new JsonObject().put("username", user).put("uploadId", id));
      }
      call(
          "list",
          "/files/list",
          new JsonObject().put("username", user).put("owner", user).put("limit", 10));
      if (round % 10 == 9) {
        call("sync", "/files/sync", new JsonObject().put("username", admin));
      }
      pause();
    }
  }

  /** The files.upload request of one text part with these bytes. */
  static JsonObject uploadBody(String user, byte[] bytes) {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "text/plain")
            .put("contentLength", bytes.length)
            .put("md5Hash", md5Hex(bytes))
            .put("originalName", "f.txt");
    return new JsonObject()
        .put("username", user)
        .put("resumable", false)
        .put("files", new JsonArray().add(part))
        .put("meta", new JsonObject().put("name", "fault load"));
  }

  private void uploadAndPut(String user, List<String> mine) {
    byte[] bytes = ("bytes of " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    JsonObject created = call("upload", "/files/upload", uploadBody(user, bytes));
    if (created == null) {
      return;
    }
    String id = created.getString("uploadId");
    uploads.put(id, user);
    mine.add(id);
    JsonObject target = created.getJsonArray("files").getJsonObject(0);
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(target.getString("location")))
            .timeout(CLIENT_TIMEOUT)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    target
        .getJsonObject("headers", new JsonObject())
        .forEach(h -> put.header(h.getKey(), String.valueOf(h.getValue())));
    if (exchange("put", put.build()) != null) {
      putDone.add(id);
    }
  }

  /** One API call; the reply's JSON when it was 200, else null (the tally has the rest). */
  private JsonObject call(String kind, String path, JsonObject body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(CLIENT_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    String reply = exchange(kind, request);
    return reply == null || reply.isEmpty() ? null : new JsonObject(reply);
  }

  /**
   * Sends, tallies and checks one request; the body when it was 2xx, else null. A request counts
   * under the tally current when it ends: one that a fault caught in flight belongs to that fault.
   */
  private String exchange(String kind, HttpRequest request) {
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      Tally t = tally.get();
      t.record(kind, 0, elapsedMs(start));
      t.violation(kind + ": no answer within " + CLIENT_TIMEOUT);
      return null;
    } catch (IOException e) {
      Tally t = tally.get();
      t.record(kind, -1, elapsedMs(start));
      t.violation(kind + ": the service's connection failed: " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    long ms = elapsedMs(start);
    Tally t = tally.get();
    int status = response.statusCode();
    t.record(kind, status, ms);
    if (ms > answerBoundMs) {
      t.violation(kind + ": answered " + status + " after " + ms + " ms > " + answerBoundMs);
    }
    if (status / 100 == 2) {
      return response.body();
    }
    if (status != 503 || !isUnavailableBody(response.body())) {
      t.violation(kind + ": " + status + " " + response.body());
    }
    return null;
  }

  private static boolean isUnavailableBody(String body) {
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      return error != null
          && error.getInteger("status", 0) == 503
          && "unavailable".equals(error.getString("code"))
          && !error.getString("message", "").isEmpty();
    } catch (DecodeException | ClassCastException e) {
      return false;
    }
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
