package dev.files.service.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.pubsub.v1.PubsubMessage;
import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.storage.gcs.testing.FakeGcsServer;
import dev.files.storage.gcs.testing.GcsNotifications;
import dev.files.storage.gcs.testing.PubSubEmulator;
import dev.files.storage.gcs.testing.TestServiceAccount;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole GCS upload flow through the running service ({@code storage.type=gcs}, the real Google
 * storage client against {@link FakeGcsServer}, Google's Pub/Sub emulator): files.upload with
 * {@code resumable:true}, the bytes PUT to the returned session in several chunks as a client
 * would, the bucket's OBJECT_FINALIZE notification published to a topic, delivered to the service
 * by a push subscription (one service) or by its pull subscriber (another service), processing, and
 * a download URL that serves the same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsPubSubEndToEndIT {
  private static final String BUCKET = "media-pubsub";
  private static final String TOKEN = "e2e-push-token";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String pushTopic = "files-push-" + run;
  private final String pullTopic = "files-pull-" + run;
  private final String pullSubscription = "files-pull-sub-" + run;

  private PubSubEmulator emulator;
  private Vertx fakeVertx;
  private FakeGcsServer fake;
  private TestServiceAccount account;
  private FilesServer pushService;
  private FilesServer pullService;

  @BeforeAll
  void start() throws Exception {
    emulator = PubSubEmulator.shared();
    fakeVertx = Vertx.vertx();
    fake = TestServers.await(FakeGcsServer.start(fakeVertx));
    account =
        TestServiceAccount.generate(Files.createTempDirectory("files-gcs-pubsub"), fake.tokenUri());
    fake.createBucket(BUCKET, false).trust(account);

    Map<String, String> push = new HashMap<>();
    push.put("FILES_STORAGE_GCS_PUBSUB_PUSHTOKEN", TOKEN);
    pushService = service(push);
    emulator.createTopic(pushTopic);
    emulator.createPushSubscription(
        pushTopic,
        "files-push-sub-" + run,
        "http://127.0.0.1:" + pushService.port() + "/notifications/pubsub?token=" + TOKEN);

    // the subscription exists before the service's subscriber starts on it
    emulator.createTopic(pullTopic);
    emulator.createPullSubscription(pullTopic, pullSubscription);
    Map<String, String> pull = new HashMap<>();
    pull.put(
        "FILES_STORAGE_GCS_PUBSUB_SUBSCRIPTION", PubSubEmulator.subscriptionPath(pullSubscription));
    pull.put("FILES_STORAGE_GCS_PUBSUB_EMULATORHOST", emulator.hostPort());
    pull.put("FILES_STORAGE_GCS_PUBSUB_RESTARTDELAYMILLIS", "500");
    pullService = service(pull);
  }

  private FilesServer service(Map<String, String> pubsub) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("FILES_DATA_DIR", Files.createTempDirectory("files-gcs-pubsub-data").toString());
    env.put("FILES_STORAGE_TYPE", "gcs");
    env.put("FILES_STORAGE_GCS_BUCKET", BUCKET);
    env.put("FILES_STORAGE_GCS_HOST", fake.baseUrl());
    env.put("FILES_STORAGE_GCS_CREDENTIALSFILE", account.keyFile().toString());
    env.put("FILES_RECONCILE_INTERVAL", "0");
    env.put("FILES_PROCESSING_RETRYDELAY", "20ms");
    env.putAll(pubsub);
    return TestServers.start(FilesServer.builder(TestServers.config(env)));
  }

  @AfterAll
  void stop() {
    TestServers.stop(pushService);
    TestServers.stop(pullService);
    if (fake != null) {
      TestServers.await(fake.close());
    }
    if (fakeVertx != null) {
      TestServers.await(fakeVertx.close());
    }
  }

  @Test
  void aChunkedResumableUploadIsFinishedByAPushDelivery() throws Exception {
    Http http = new Http(pushService.baseUrl());
    Upload upload = uploadInChunks(http, 480, 400);
    PubsubMessage finalized = GcsNotifications.finalize(upload.stored());
    emulator.publish(pushTopic, List.of(finalized));

    JsonObject file = awaitProcessed(http, upload);
    assertDownloadsIdentically(http, upload);

    // Pub/Sub delivers at least once: the same notification again changes nothing
    emulator.publish(pushTopic, List.of(finalized));
    awaitPushesAnswered(pushService, 2);
    JsonObject after = info(http, upload.owner(), upload.uploadId());
    assertEquals(file.getLong("version"), after.getLong("version"), after.encodePrettily());
    assertEquals("processed", after.getString("status"));
  }

  @Test
  void aChunkedResumableUploadIsFinishedByThePullSubscriber() throws Exception {
    Http http = new Http(pullService.baseUrl());
    Upload upload = uploadInChunks(http, 420, 520);
    emulator.publish(pullTopic, List.of(GcsNotifications.finalize(upload.stored())));

    awaitProcessed(http, upload);
    assertDownloadsIdentically(http, upload);
  }

  /** What one upload left behind: the owner, the record, the bytes and the stored object. */
  private record Upload(
      String owner, String uploadId, byte[] bytes, FakeGcsServer.StoredObject stored) {}

  /**
   * files.upload with {@code resumable:true}, then the bytes PUT to the session in 256 KiB chunks
   * (at least three), each answered 308 with the persisted {@code Range} but the last.
   */
  private Upload uploadInChunks(Http http, int width, int height) throws Exception {
    String owner = AbstractEndToEndTest.user();
    byte[] png = noisyPng(width, height);
    assertTrue(png.length > 2 * FakeGcsServer.CHUNK_GRANULARITY, "three chunks: " + png.length);
    JsonObject body =
        new JsonObject()
            .put("username", owner)
            .put(
                "files",
                new JsonArray()
                    .add(AbstractEndToEndTest.part("original", "image/png", png, "noise.png")))
            .put("meta", AbstractEndToEndTest.meta("chunked"))
            .put("resumable", true);
    Http.Reply created = http.post("/files/upload", body);
    assertEquals(200, created.status(), created.body());
    JsonObject record = created.json();
    assertEquals("pending", record.getString("status"));
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    String session = part.getString("location");
    assertTrue(session.startsWith(fake.baseUrl() + "/upload/"), session);

    List<Integer> statuses = putInChunks(part, png, FakeGcsServer.CHUNK_GRANULARITY);
    assertTrue(statuses.size() >= 3, "chunks: " + statuses);
    statuses.subList(0, statuses.size() - 1).forEach(s -> assertEquals(308, s, "" + statuses));
    int last = statuses.get(statuses.size() - 1);
    assertTrue(last == 200 || last == 201, "the final chunk: " + statuses);

    FakeGcsServer.StoredObject stored =
        fake.object(BUCKET, part.getString("filename")).orElseThrow();
    assertArrayEquals(png, stored.bytes());
    assertEquals(
        "pending",
        info(http, owner, record.getString("uploadId")).getString("status"),
        "nothing finishes the upload before the notification");
    return new Upload(owner, record.getString("uploadId"), png, stored);
  }

  /**
   * PUTs {@code bytes} to the part's resumable session in chunks of {@code chunk}, with the part's
   * headers and {@code Content-Range}, resuming after the {@code Range} each 308 reports.
   */
  private static List<Integer> putInChunks(JsonObject part, byte[] bytes, int chunk)
      throws Exception {
    List<Integer> statuses = new ArrayList<>();
    int from = 0;
    while (true) {
      int to = Math.min(from + chunk, bytes.length);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(part.getString("location")))
              .timeout(Duration.ofSeconds(30))
              .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(bytes, from, to)));
      part.getJsonObject("headers", new JsonObject())
          .forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
      b.header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + bytes.length);
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      statuses.add(r.statusCode());
      if (r.statusCode() != 308) {
        return statuses;
      }
      String range = r.headers().firstValue("Range").orElse("bytes=0--1");
      int next = Integer.parseInt(range.substring(range.indexOf('-') + 1)) + 1;
      assertEquals(to, next, "the session persisted the whole chunk: " + range);
      from = next;
    }
  }

  private static JsonObject awaitProcessed(Http http, Upload upload) {
    AbstractEndToEndTest.awaitCondition(
        () -> "processed".equals(info(http, upload.owner(), upload.uploadId()).getString("status")),
        upload.uploadId() + " is processed");
    JsonObject file = info(http, upload.owner(), upload.uploadId());
    assertEquals(1, file.getInteger("uploaded"));
    JsonObject part = file.getJsonArray("files").getJsonObject(0);
    assertEquals(upload.stored().generation(), part.getLong("generation"));
    assertEquals("image/png", part.getString("detectedContentType"));
    assertEquals(upload.bytes().length, file.getLong("contentLength"));
    return file;
  }

  private static void assertDownloadsIdentically(Http http, Upload upload) throws Exception {
    Http.Reply download =
        http.post(
            "/files/download",
            new JsonObject().put("username", upload.owner()).put("uploadId", upload.uploadId()));
    assertEquals(200, download.status(), download.body());
    String url = download.json().getJsonArray("urls").getString(0);
    HttpResponse<byte[]> got = AbstractEndToEndTest.get(url);
    assertEquals(200, got.statusCode(), url);
    assertArrayEquals(upload.bytes(), got.body());
  }

  /** Waits until the service answered {@code n} push deliveries (204, the only 204 it sends). */
  private static void awaitPushesAnswered(FilesServer service, int n) {
    AbstractEndToEndTest.awaitCondition(
        () -> pushesAnswered(service) >= n, n + " push deliveries answered");
  }

  private static double pushesAnswered(FilesServer service) {
    return service.registry().getMeters().stream()
        .filter(m -> m.getId().getName().equals("vertx.http.server.requests"))
        .filter(m -> "204".equals(m.getId().getTag("code")))
        .filter(m -> "POST".equals(m.getId().getTag("method")))
        .flatMap(m -> StreamSupport.stream(m.measure().spliterator(), false))
        .filter(s -> s.getStatistic() == Statistic.COUNT)
        .mapToDouble(Measurement::getValue)
        .sum();
  }

  private static JsonObject info(Http http, String owner, String id) {
    Http.Reply r =
        http.post("/files/info", new JsonObject().put("username", owner).put("uploadId", id));
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonObject("file");
  }

  /** A PNG of random pixels: it does not compress, so it spans several 256 KiB chunks. */
  private static byte[] noisyPng(int width, int height) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(width * 31L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
