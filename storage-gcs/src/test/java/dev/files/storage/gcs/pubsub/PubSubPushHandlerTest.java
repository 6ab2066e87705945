package dev.files.storage.gcs.pubsub;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.pubsub.v1.PubsubMessage;
import dev.files.blob.FinalizeSink;
import dev.files.error.ErrorCode;
import dev.files.error.FailureLog;
import dev.files.error.FileError;
import dev.files.error.RecordingLogger;
import dev.files.storage.gcs.GcsBlobStorage;
import dev.files.storage.gcs.testing.FakeFinish;
import dev.files.storage.gcs.testing.FakeGcsServer;
import dev.files.storage.gcs.testing.FakeGcsServer.StoredObject;
import dev.files.storage.gcs.testing.GcsNotifications;
import dev.files.storage.gcs.testing.OidcTokens;
import dev.files.storage.gcs.testing.TestServiceAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /notifications/pubsub over real HTTP with the documented push bodies: authentication,
 * outcomes and status codes, with a finish that checks the object in (fake) GCS.
 */
class PubSubPushHandlerTest {
  static final String BUCKET = "push-bucket";
  static final String TOKEN = "s3cret-push-token";
  static final String AUDIENCE = "https://files.example/notifications/pubsub";
  static final String PUSHER = "pubsub-push@test-project.iam.gserviceaccount.com";
  static final String SUBSCRIPTION = "projects/test-project/subscriptions/files-push";

  static Vertx vertx;
  static FakeGcsServer fake;
  static GcsBlobStorage storage;
  static OidcTokens oidc;
  static final HttpClient http = HttpClient.newHttpClient();

  FakeFinish finish;
  NotificationCounters counters;
  HttpServer server;

  @BeforeAll
  static void setUpAll() throws Exception {
    vertx = Vertx.vertx();
    fake = await(FakeGcsServer.start(vertx));
    TestServiceAccount account =
        TestServiceAccount.generate(Files.createTempDirectory("push-test"), fake.tokenUri());
    fake.createBucket(BUCKET, false).trust(account);
    storage = await(GcsBlobStorage.create(vertx, fake.config(BUCKET, account)));
    oidc = await(OidcTokens.start(vertx));
  }

  @AfterAll
  static void tearDownAll() {
    await(storage.close());
    await(oidc.close());
    await(fake.close());
    await(vertx.close());
  }

  @BeforeEach
  void setUp() {
    finish = new FakeFinish(storage);
    counters = new NotificationCounters();
    PubSubConfig config =
        PubSubConfig.defaults("test-project")
            .withPushToken(TOKEN)
            .withPushOidc(AUDIENCE, PUSHER, oidc.certsUrl());
    PubSubPushHandler handler =
        new PubSubPushHandler(
            new PushAuthenticator(vertx, config), new NotificationProcessor(finish, counters));
    Router router = Router.router(vertx);
    PubSubPushRoute.mount(router, PubSubPushRoute.PATH, handler);
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() {
    await(server.close());
  }

  int post(String query, String authorization, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.actualPort()
                        + PubSubPushRoute.PATH
                        + (query == null ? "" : "?" + query)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  int push(PubsubMessage message) throws Exception {
    return post("token=" + TOKEN, null, GcsNotifications.pushBody(message, SUBSCRIPTION).encode());
  }

  StoredObject upload() {
    byte[] b = new byte[500];
    new Random().nextBytes(b);
    String name = "owner/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";
    finish.know(BUCKET, name);
    return fake.put(BUCKET, name, b, "image/png");
  }

  @Test
  void unauthenticatedDeliveriesAreRefusedAndChangeNothing() throws Exception {
    StoredObject o = upload();
    String body = GcsNotifications.pushBody(GcsNotifications.finalize(o), SUBSCRIPTION).encode();
    Instant later = Instant.now().plusSeconds(3600);

    assertEquals(401, post(null, null, body));
    assertEquals(403, post("token=wrong", null, body));
    assertEquals(403, post(null, "Bearer not-a-jwt", body));
    assertEquals(
        403, post(null, "Bearer " + oidc.token("https://other.example", PUSHER, later), body));
    assertEquals(
        403, post(null, "Bearer " + oidc.token(AUDIENCE, "someone@evil.example", later), body));
    assertEquals(
        403,
        post(
            null, "Bearer " + oidc.token(AUDIENCE, PUSHER, Instant.now().minusSeconds(600)), body));
    assertEquals(403, post(null, "Bearer " + OidcTokens.forged(AUDIENCE, PUSHER), body));

    assertTrue(finish.calls().isEmpty());
    assertEquals(7, counters.unauthenticated());
    assertEquals(0, counters.get(Outcome.APPLIED));
  }

  @Test
  void theOidcTokenOfThePushServiceAccountIsAccepted() throws Exception {
    StoredObject o = upload();
    String body = GcsNotifications.pushBody(GcsNotifications.finalize(o), SUBSCRIPTION).encode();
    String jwt = oidc.token(AUDIENCE, PUSHER, Instant.now().plusSeconds(3600));
    assertEquals(204, post(null, "Bearer " + jwt, body));
    assertEquals(1, finish.finishes(BUCKET, o.name(), o.generation()));
  }

  @Test
  void finalizeIsAppliedAndDuplicatesAreAcknowledged() throws Exception {
    StoredObject o = upload();
    PubsubMessage m = GcsNotifications.finalize(o);
    assertEquals(204, push(m));
    assertEquals(204, push(m));
    assertEquals(204, push(m));
    assertEquals(3, finish.finishes(BUCKET, o.name(), o.generation()));
    assertEquals(
        List.of(FakeFinish.key(BUCKET, o.name(), o.generation())), List.copyOf(finish.finished()));
    assertEquals(3, counters.get(Outcome.APPLIED));
  }

  @Test
  void unknownObjectsAndLateOrOutOfOrderGenerationsAreAcknowledged() throws Exception {
    assertEquals(204, push(GcsNotifications.finalize(BUCKET, "nobody/knows.png", 5, 10, "x")));
    assertEquals(1, counters.get(Outcome.REJECTED));

    StoredObject first = upload();
    StoredObject second = fake.put(BUCKET, first.name(), new byte[] {1, 2, 3}, "image/png");
    // the newer generation's notification arrives first, the older one late
    assertEquals(204, push(GcsNotifications.finalize(second)));
    assertEquals(204, push(GcsNotifications.finalize(first)));
    assertEquals(1, finish.finishes(BUCKET, second.name(), second.generation()));
    assertEquals(0, finish.finishes(BUCKET, first.name(), first.generation()));
    assertEquals(1, counters.get(Outcome.APPLIED));
    assertEquals(2, counters.get(Outcome.REJECTED));
  }

  @Test
  void transientFailuresAskForRedeliveryAndTheRedeliverySucceeds() throws Exception {
    StoredObject o = upload();
    PubsubMessage m = GcsNotifications.finalize(o);
    finish.failTransiently(1);
    assertEquals(503, push(m));
    assertEquals(0, finish.finishes(BUCKET, o.name(), o.generation()));
    assertEquals(204, push(m));
    assertEquals(1, finish.finishes(BUCKET, o.name(), o.generation()));
    assertEquals(1, counters.get(Outcome.TRANSIENT));
    assertEquals(1, counters.get(Outcome.APPLIED));
  }

  @Test
  void onlyTransientFailuresAskForRedeliveryEveryOtherIsAcknowledged() {
    NotificationCounters c = new NotificationCounters();
    PubsubMessage m = GcsNotifications.finalize(BUCKET, "o", 1, 1, "m");
    for (ErrorCode code : ErrorCode.values()) {
      Outcome outcome = outcomeOf(m, c, e -> Future.failedFuture(new FileError(code, "x")));
      Outcome expected = code == ErrorCode.UNAVAILABLE ? Outcome.TRANSIENT : Outcome.REJECTED;
      assertEquals(expected, outcome, code.code());
    }
    assertEquals(
        Outcome.TRANSIENT,
        outcomeOf(m, c, e -> Future.failedFuture(new TimeoutException("slow store"))),
        "a timeout is transient");
    assertEquals(
        Outcome.REJECTED,
        outcomeOf(
            m,
            c,
            e -> {
              throw new IllegalStateException("bug");
            }),
        "a bug is internal: redelivering cannot cure it; files.sync finishes the upload later");
    assertEquals(2, c.get(Outcome.TRANSIENT), "unavailable and the timeout");
  }

  @Test
  void aStoreOutageLogsAFewLinesNotOnePerNotification() {
    RecordingLogger logger = new RecordingLogger();
    FailureLog failures = new FailureLog(logger, Duration.ofSeconds(30), () -> 0L);
    AtomicBoolean down = new AtomicBoolean(true);
    FinalizeSink sink =
        e ->
            down.get()
                ? Future.failedFuture(FileError.unavailable("redis is unavailable: refused", null))
                : Future.succeededFuture();
    NotificationCounters c = new NotificationCounters();
    NotificationProcessor p = new NotificationProcessor(sink, c, failures);
    PubsubMessage m = GcsNotifications.finalize(BUCKET, "o", 1, 1, "m");
    for (int i = 0; i < 1000; i++) {
      assertEquals(
          Outcome.TRANSIENT,
          await(p.process(m.getAttributesMap(), m.getData().toByteArray(), "n")));
    }
    assertEquals(1, logger.lines().size(), logger.lines().toString());
    assertEquals("WARN", logger.lines().get(0).level());
    assertNull(logger.lines().get(0).thrown(), "no stack trace for an outage");

    down.set(false);
    assertEquals(
        Outcome.APPLIED, await(p.process(m.getAttributesMap(), m.getData().toByteArray(), "n")));
    assertEquals(1, logger.at("INFO").size(), "back up: " + logger.lines());
    assertEquals(1000, c.get(Outcome.TRANSIENT));
  }

  private static Outcome outcomeOf(PubsubMessage m, NotificationCounters c, FinalizeSink sink) {
    NotificationProcessor p = new NotificationProcessor(sink, c);
    return await(p.process(m.getAttributesMap(), m.getData().toByteArray(), "id"));
  }

  @Test
  void malformedDeliveriesAreAcknowledgedCountedAndChangeNothing() throws Exception {
    StoredObject o = upload();
    JsonObject good = GcsNotifications.pushBody(GcsNotifications.finalize(o), SUBSCRIPTION);
    JsonObject badBase64 = good.copy();
    badBase64.getJsonObject("message").put("data", "***not base64***");
    JsonObject noAttributes = good.copy();
    noAttributes.getJsonObject("message").remove("attributes");
    JsonObject dataNotJson = good.copy();
    dataNotJson.getJsonObject("message").put("data", "bm90IGpzb24=");
    JsonObject badGeneration = good.copy();
    badGeneration
        .getJsonObject("message")
        .getJsonObject("attributes")
        .put("objectGeneration", "yesterday");
    List<String> bodies =
        List.of(
            "not json",
            "",
            "{}",
            "{\"message\": 5}",
            badBase64.encode(),
            noAttributes.encode(),
            dataNotJson.encode(),
            badGeneration.encode());
    for (String body : bodies) {
      assertEquals(204, post("token=" + TOKEN, null, body), body);
    }
    assertEquals(bodies.size(), counters.get(Outcome.MALFORMED));
    assertTrue(finish.calls().isEmpty());
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() throws Exception {
    StoredObject o = upload();
    PubsubMessage delete =
        GcsNotifications.message(
            GcsNotifications.attributes("OBJECT_DELETE", BUCKET, o.name(), o.generation()),
            GcsNotifications.resource(BUCKET, o.name(), o.generation(), o.size(), o.md5Base64())
                .encode());
    assertEquals(204, push(delete));
    assertEquals(1, counters.get(Outcome.IGNORED));
    assertTrue(finish.calls().isEmpty());
  }
}
