package dev.files.storage.gcs.pubsub;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.pubsub.v1.PubsubMessage;
import dev.files.storage.gcs.GcsBlobStorage;
import dev.files.storage.gcs.testing.FakeFinish;
import dev.files.storage.gcs.testing.FakeGcsServer;
import dev.files.storage.gcs.testing.FakeGcsServer.StoredObject;
import dev.files.storage.gcs.testing.GcsNotifications;
import dev.files.storage.gcs.testing.PubSubEmulator;
import dev.files.storage.gcs.testing.TestServiceAccount;
import dev.files.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GCS-format OBJECT_FINALIZE messages published to Google's Pub/Sub emulator and received through a
 * push subscription (the emulator POSTs to the push route on a local port) and through the pull
 * verticle: outcomes, redelivery of transient failures, flow control, clean shutdown, and a
 * subscriber that survives an emulator restart.
 */
class PubSubEmulatorIT {
  static final String BUCKET = "notify-bucket";
  static final String TOKEN = "emulator-push-token";

  static Vertx vertx;
  static PubSubEmulator emulator;
  static FakeGcsServer fake;
  static GcsBlobStorage storage;

  FakeFinish finish;
  NotificationCounters counters;
  NotificationProcessor processor;
  String topic;

  @BeforeAll
  static void setUpAll() throws Exception {
    emulator = PubSubEmulator.shared();
    vertx = Vertx.vertx();
    fake = await(FakeGcsServer.start(vertx));
    TestServiceAccount account =
        TestServiceAccount.generate(Files.createTempDirectory("emulator-test"), fake.tokenUri());
    fake.createBucket(BUCKET, false).trust(account);
    storage = await(GcsBlobStorage.create(vertx, fake.config(BUCKET, account)));
  }

  @AfterAll
  static void tearDownAll() {
    await(storage.close());
    await(fake.close());
    await(vertx.close());
  }

  @BeforeEach
  void setUp() {
    finish = new FakeFinish(storage);
    counters = new NotificationCounters();
    processor = new NotificationProcessor(finish, counters);
    topic = "gcs-" + UUID.randomUUID();
    emulator.createTopic(topic);
  }

  StoredObject upload() {
    byte[] b = new byte[700];
    new Random().nextBytes(b);
    String name = "owner/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";
    finish.know(BUCKET, name);
    return fake.put(BUCKET, name, b, "image/png");
  }

  PubSubConfig pullConfig(String subscription) {
    return PubSubConfig.defaults(PubSubEmulator.PROJECT)
        .withEmulatorHost(emulator.hostPort())
        .withSubscription(subscription)
        .withFlowControl(100, 10L * 1024 * 1024, 300);
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.until(Duration.ofSeconds(60), "timed out waiting for " + what, condition);
  }

  /** One of each: applied twice (a duplicate), unknown object, malformed, another event type. */
  List<PubsubMessage> mixedBatch(StoredObject o) {
    PubsubMessage finalize = GcsNotifications.finalize(o);
    PubsubMessage unknown = GcsNotifications.finalize(BUCKET, "nobody/knows.png", 3, 10, "x");
    PubsubMessage malformed =
        GcsNotifications.message(
            GcsNotifications.attributes("OBJECT_FINALIZE", BUCKET, o.name(), o.generation()),
            "{not json");
    PubsubMessage deleted =
        GcsNotifications.message(
            GcsNotifications.attributes("OBJECT_DELETE", BUCKET, o.name(), o.generation()), "{}");
    return List.of(finalize, unknown, finalize, malformed, deleted);
  }

  void assertMixedBatchOutcome(StoredObject o) throws InterruptedException {
    eventually(
        "five outcomes",
        () ->
            counters.get(Outcome.APPLIED) == 2
                && counters.get(Outcome.REJECTED) == 1
                && counters.get(Outcome.MALFORMED) == 1
                && counters.get(Outcome.IGNORED) == 1);
    assertEquals(2, finish.finishes(BUCKET, o.name(), o.generation()));
    assertEquals(1, finish.finished().size());
  }

  @Test
  void pushSubscriptionDeliversToTheRoute() throws Exception {
    PubSubPushHandler handler =
        new PubSubPushHandler(
            new PushAuthenticator(
                vertx, PubSubConfig.defaults(PubSubEmulator.PROJECT).withPushToken(TOKEN)),
            processor);
    Router router = Router.router(vertx);
    PubSubPushRoute.mount(router, PubSubPushRoute.PATH, handler);
    HttpServer server =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try {
      String endpoint =
          "http://127.0.0.1:" + server.actualPort() + PubSubPushRoute.PATH + "?token=" + TOKEN;
      emulator.createPushSubscription(topic, topic + "-push", endpoint);
      // the outcomes of every kind of message over HTTP are PubSubPushHandlerTest's; here a
      // finish and its duplicate travel the real way
      StoredObject o = upload();
      PubsubMessage finalize = GcsNotifications.finalize(o);
      emulator.publish(topic, List.of(finalize, finalize));
      eventually("two pushes", () -> counters.get(Outcome.APPLIED) == 2);
      assertEquals(2, finish.finishes(BUCKET, o.name(), o.generation()));
      assertEquals(0, counters.unauthenticated());
    } finally {
      await(server.close());
    }
  }

  @Test
  void pullSubscriberAcksFinalOutcomesAndRedeliversTransientFailures() throws Exception {
    String subscription = topic + "-pull";
    emulator.createPullSubscription(topic, subscription);
    PubSubPullVerticle verticle = new PubSubPullVerticle(pullConfig(subscription), processor);
    String id = await(vertx.deployVerticle(verticle));
    try {
      StoredObject o = upload();
      emulator.publish(topic, mixedBatch(o));
      assertMixedBatchOutcome(o);

      StoredObject again = upload();
      finish.failTransiently(2);
      emulator.publish(topic, List.of(GcsNotifications.finalize(again)));
      eventually(
          "redelivery after a nack",
          () -> finish.finishes(BUCKET, again.name(), again.generation()) == 1);
      assertEquals(2, counters.get(Outcome.TRANSIENT));
    } finally {
      await(vertx.undeploy(id));
    }
  }

  @Test
  void flowControlBoundsTheFinishesInProgress() throws Exception {
    String subscription = topic + "-flow";
    emulator.createPullSubscription(topic, subscription);
    PubSubConfig config = pullConfig(subscription).withFlowControl(1, 1024 * 1024, 300);
    finish.hold(true);
    String id = await(vertx.deployVerticle(new PubSubPullVerticle(config, processor)));
    try {
      List<PubsubMessage> messages = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        messages.add(GcsNotifications.finalize(upload()));
      }
      emulator.publish(topic, messages);
      eventually(
          "four finishes, released one by one",
          () -> {
            finish.releaseOne();
            return finish.finished().size() == 4 && finish.held() == 0;
          });
      eventually("acks", () -> counters.get(Outcome.APPLIED) == 4);
      assertEquals(1, finish.maxInFlight());
    } finally {
      await(vertx.undeploy(id));
    }
  }

  @Test
  void undeployLetsTheFinishInProgressCompleteAndStops() throws Exception {
    String subscription = topic + "-stop";
    emulator.createPullSubscription(topic, subscription);
    PubSubPullVerticle verticle = new PubSubPullVerticle(pullConfig(subscription), processor);
    String id = await(vertx.deployVerticle(verticle));
    assertTrue(verticle.isRunning());
    finish.hold(true);
    StoredObject o = upload();
    emulator.publish(topic, List.of(GcsNotifications.finalize(o)));
    eventually("the finish in progress", () -> finish.held() == 1);

    Future<Void> undeployed = vertx.undeploy(id);
    assertTrue(finish.releaseOne());
    await(undeployed);

    assertEquals(1, counters.get(Outcome.APPLIED));
    assertEquals(1, finish.finishes(BUCKET, o.name(), o.generation()));
    assertFalse(verticle.isRunning());
  }

  @Test
  void pullSubscriberKeepsTryingUntilTheSubscriptionExists() throws Exception {
    String subscription = topic + "-late";
    PubSubPullVerticle verticle = new PubSubPullVerticle(pullConfig(subscription), processor);
    String id = await(vertx.deployVerticle(verticle));
    try {
      eventually("a restart after NOT_FOUND", () -> verticle.starts() >= 2);
      emulator.createPullSubscription(topic, subscription);
      StoredObject o = upload();
      emulator.publish(topic, List.of(GcsNotifications.finalize(o)));
      eventually(
          "the message once the subscription exists",
          () -> finish.finishes(BUCKET, o.name(), o.generation()) == 1);
    } finally {
      await(vertx.undeploy(id));
    }
  }

  @Test
  void pullSubscriberReconnectsAfterTheEmulatorRestarts() throws Exception {
    String subscription = topic + "-restart";
    emulator.createPullSubscription(topic, subscription);
    PubSubPullVerticle verticle = new PubSubPullVerticle(pullConfig(subscription), processor);
    String id = await(vertx.deployVerticle(verticle));
    try {
      StoredObject before = upload();
      emulator.publish(topic, List.of(GcsNotifications.finalize(before)));
      eventually("a message before the restart", () -> counters.get(Outcome.APPLIED) == 1);

      emulator.stop();
      emulator.start();
      // the emulator keeps nothing: the topic and subscription are created again
      emulator.createTopic(topic);
      emulator.createPullSubscription(topic, subscription);

      StoredObject after = upload();
      emulator.publish(topic, List.of(GcsNotifications.finalize(after)));
      eventually(
          "a message after the restart",
          () -> finish.finishes(BUCKET, after.name(), after.generation()) == 1);
      assertTrue(verticle.starts() >= 1);
    } finally {
      await(vertx.undeploy(id));
    }
  }
}
