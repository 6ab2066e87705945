package dev.files.storage.gcs.testing;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import dev.files.storage.gcs.pubsub.PubSubTransport;
import dev.files.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator ({@code google-cloud-cli-pubsub-emulator}), started once per test JVM
 * on a free port ({@link #shared()}), stopped by PID at exit. Tests may {@link #stop()} and {@link
 * #start()} it again on the same port (it forgets topics and subscriptions). Admin helpers create
 * topics and pull/push subscriptions and publish through the real client.
 */
public final class PubSubEmulator {
  public static final String LAUNCHER =
      "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";
  public static final String PROJECT = "test-project";
  private static final String READY = "Server started, listening on";
  private static final long START_TIMEOUT_MS = 60_000;

  private static PubSubEmulator shared;

  private final int port;
  private final Path log;
  private Process process;

  private PubSubEmulator(int port, Path log) {
    this.port = port;
    this.log = log;
  }

  /** The JVM's emulator, started on first use. */
  public static synchronized PubSubEmulator shared() {
    if (shared == null) {
      if (!Files.isExecutable(Path.of(LAUNCHER))) {
        throw new IllegalStateException(
            "The Pub/Sub emulator is not installed ("
                + LAUNCHER
                + " is missing). Install it with scripts/prereqs/pubsub.sh, i.e. "
                + "apt-get update && apt-get install -y google-cloud-cli-pubsub-emulator");
      }
      try {
        PubSubEmulator e =
            new PubSubEmulator(FreePorts.next(), Files.createTempFile("pubsub-emulator", ".log"));
        e.start();
        Runtime.getRuntime().addShutdownHook(new Thread(e::stop, "pubsub-emulator-stop"));
        shared = e;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return shared;
  }

  /** {@code 127.0.0.1:<port>}: the emulator host to configure. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Starts the emulator (again) on its port and waits until it listens. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      // Redirect.to truncates the log: each start waits for its own READY line
      process =
          new ProcessBuilder(LAUNCHER, "--host=127.0.0.1", "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
      while (!Files.readString(log).contains(READY)) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          String out = Files.readString(log);
          stop();
          throw new IllegalStateException(
              "Pub/Sub emulator did not start on " + port + ":\n" + out);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the emulator process (and any child) by PID. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** {@code projects/test-project/topics/<name>}. */
  public static String topicPath(String name) {
    return "projects/" + PROJECT + "/topics/" + name;
  }

  /** {@code projects/test-project/subscriptions/<name>}. */
  public static String subscriptionPath(String name) {
    return "projects/" + PROJECT + "/subscriptions/" + name;
  }

  public void createTopic(String topic) {
    try (PubSubTransport t = PubSubTransport.emulator(hostPort());
        TopicAdminClient admin = topics(t)) {
      admin.createTopic(Topic.newBuilder().setName(topicPath(topic)).build());
    }
  }

  /** A pull subscription with a 10 s ack deadline. */
  public void createPullSubscription(String topic, String subscription) {
    createSubscription(topic, subscription, PushConfig.getDefaultInstance());
  }

  /** A push subscription delivering to {@code endpoint}. */
  public void createPushSubscription(String topic, String subscription, String endpoint) {
    createSubscription(
        topic, subscription, PushConfig.newBuilder().setPushEndpoint(endpoint).build());
  }

  private void createSubscription(String topic, String subscription, PushConfig push) {
    try (PubSubTransport t = PubSubTransport.emulator(hostPort());
        SubscriptionAdminClient admin = subscriptions(t)) {
      admin.createSubscription(
          Subscription.newBuilder()
              .setName(subscriptionPath(subscription))
              .setTopic(topicPath(topic))
              .setPushConfig(push)
              .setAckDeadlineSeconds(10)
              .build());
    }
  }

  /** Publishes and waits for the message ids. */
  public List<String> publish(String topic, List<PubsubMessage> messages) {
    try (PubSubTransport t = PubSubTransport.emulator(hostPort());
        TopicAdminClient admin = topics(t)) {
      return admin.publish(topicPath(topic), messages).getMessageIdsList();
    }
  }

  private static TopicAdminClient topics(PubSubTransport t) {
    try {
      return TopicAdminClient.create(
          TopicAdminSettings.newBuilder()
              .setTransportChannelProvider(t.channelProvider())
              .setCredentialsProvider(t.credentialsProvider())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SubscriptionAdminClient subscriptions(PubSubTransport t) {
    try {
      return SubscriptionAdminClient.create(
          SubscriptionAdminSettings.newBuilder()
              .setTransportChannelProvider(t.channelProvider())
              .setCredentialsProvider(t.credentialsProvider())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
