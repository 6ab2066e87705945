package dev.files.service.faults;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent clients each doing whole uploads against a running service: files.upload, then the PUT
 * of the bytes to the signed location with the headers the service asked for. Each client takes the
 * next upload until all are taken or {@link #stop()}; an upload the service's death breaks off is
 * recorded as such, never retried.
 */
final class KillUploadStorm implements AutoCloseable {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final String owner;
  private final List<KillUpload> uploads;
  private final ExecutorService clients;
  private final int clientCount;
  private final AtomicInteger next = new AtomicInteger();
  private final int putsWanted;
  private final CountDownLatch putsToAwait;
  private volatile boolean stopped;

  /** A storm whose {@link #awaitPuts} returns after {@code putsToAwait} completed PUTs. */
  KillUploadStorm(
      String baseUrl, String owner, List<KillUpload> uploads, int clientCount, int putsToAwait) {
    this.baseUrl = baseUrl;
    this.owner = owner;
    this.uploads = uploads;
    this.clientCount = clientCount;
    this.clients = Executors.newFixedThreadPool(clientCount);
    this.putsWanted = putsToAwait;
    this.putsToAwait = new CountDownLatch(putsToAwait);
  }

  void start() {
    for (int i = 0; i < clientCount; i++) {
      clients.execute(this::client);
    }
    clients.shutdown();
  }

  /** Waits until the given number of PUTs completed; fails after {@code timeout}. */
  void awaitPuts(Duration timeout) throws InterruptedException {
    if (!putsToAwait.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      long done = putsWanted - putsToAwait.getCount();
      throw new AssertionError(
          "only "
              + done
              + " of "
              + putsWanted
              + " PUTs completed within "
              + timeout.toSeconds()
              + " s");
    }
  }

  /** No upload starts after this; those in flight go on until they end or break off. */
  void stop() {
    stopped = true;
  }

  /** Waits until every client has ended its last upload. */
  void awaitClients(Duration timeout) throws InterruptedException {
    if (!clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("upload clients still busy after " + timeout.toSeconds() + " s");
    }
  }

  private void client() {
    while (!stopped) {
      int i = next.getAndIncrement();
      if (i >= uploads.size()) {
        return;
      }
      upload(uploads.get(i));
    }
  }

  private void upload(KillUpload u) {
    u.started = true;
    try {
      HttpResponse<String> created =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/files/upload"))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(uploadRequest(u).encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        u.failure = "files.upload answered " + created.statusCode() + ": " + created.body();
        return;
      }
      JsonObject record = new JsonObject(created.body());
      u.uploadId = record.getString("uploadId");
      u.part = record.getJsonArray("files").getJsonObject(0);
      u.putStatus = put(URI.create(u.part.getString("location")), u.part, u.bytes);
      if (u.putCompleted()) {
        putsToAwait.countDown();
      } else {
        u.failure = "PUT answered " + u.putStatus;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      u.failure = "interrupted";
    } catch (Exception e) {
      u.failure = e.toString();
    }
  }

  private JsonObject uploadRequest(KillUpload u) {
    JsonObject part =
        new JsonObject()
            .put("type", "original")
            .put("contentType", "application/octet-stream")
            .put("contentLength", u.bytes.length)
            .put("md5Hash", u.md5Hex)
            .put("originalName", "kill-" + u.index + ".bin");
    return new JsonObject()
        .put("username", owner)
        .put("resumable", false)
        .put("files", new JsonArray().add(part))
        .put("meta", new JsonObject().put("name", "kill " + u.index));
  }

  /** PUTs the bytes to {@code location} with the headers files.upload asked for in {@code part}. */
  static int put(URI location, JsonObject part, byte[] bytes) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(location)
            .timeout(REQUEST_TIMEOUT)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    part.getJsonObject("headers", new JsonObject())
        .forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    stopped = true;
    clients.shutdownNow();
  }
}
