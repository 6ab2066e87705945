package dev.files.storage.gcs.pubsub;

import com.google.api.core.ApiService;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.PubsubMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls GCS notifications from the configured subscription with a google-cloud-pubsub {@link
 * Subscriber} (streaming pull, flow control from {@link PubSubConfig}) and hands each to the {@link
 * NotificationProcessor} on this verticle's context. A message is acked once its finish is durable
 * (the sink's future succeeded) or can never succeed, nacked on a transient failure so Pub/Sub
 * redelivers it. The subscriber reconnects by itself on retryable stream errors; when it fails for
 * good (e.g. the subscription is missing for a while) the verticle starts a new one after {@link
 * PubSubConfig#restartDelayMillis()}. Undeploying stops it cleanly: no new messages, outstanding
 * ones finished or left to redelivery.
 */
public final class PubSubPullVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(PubSubPullVerticle.class);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final PubSubConfig config;
  private final NotificationProcessor processor;
  private final AtomicLong starts = new AtomicLong();
  private volatile boolean stopping;
  private volatile Subscriber subscriber;
  private volatile PubSubTransport transport;

  public PubSubPullVerticle(PubSubConfig config, NotificationProcessor processor) {
    this.config = config;
    this.processor = processor;
    Objects.requireNonNull(
        config.subscriptionPath(), "the pull subscriber needs storage.gcs.pubsub.subscription");
  }

  /** How many subscribers this verticle has started (1 + restarts after failures). */
  public long starts() {
    return starts.get();
  }

  /** Whether a subscriber is pulling right now. */
  public boolean isRunning() {
    Subscriber s = subscriber;
    return s != null && s.isRunning();
  }

  @Override
  public Future<?> start() {
    return launch();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return vertx.executeBlocking(
        () -> {
          shutDown();
          return null;
        });
  }

  private Future<Void> launch() {
    Context ctx = context;
    return vertx.executeBlocking(
        () -> {
          if (stopping) {
            return null;
          }
          PubSubTransport t = PubSubTransport.of(config);
          Subscriber s = build(t, ctx);
          s.addListener(new Restarter(ctx), MoreExecutors.directExecutor());
          transport = t;
          subscriber = s;
          starts.incrementAndGet();
          try {
            s.startAsync().awaitRunning(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("pulling GCS notifications from " + config.subscriptionPath());
          } catch (IllegalStateException | TimeoutException e) {
            // failed while starting: the Restarter has taken over
            log.warn("pull subscriber did not start: " + e.getMessage());
          }
          return null;
        });
  }

  private Subscriber build(PubSubTransport t, Context ctx) {
    MessageReceiver receiver = (message, reply) -> receive(ctx, message, reply);
    Subscriber.Builder b =
        Subscriber.newBuilder(config.subscriptionPath(), receiver)
            .setCredentialsProvider(t.credentialsProvider())
            .setParallelPullCount(config.parallelPullCount())
            .setExecutorProvider(
                InstantiatingExecutorProvider.newBuilder().setExecutorThreadCount(2).build())
            .setFlowControlSettings(
                FlowControlSettings.newBuilder()
                    .setMaxOutstandingElementCount(config.maxOutstandingMessages())
                    .setMaxOutstandingRequestBytes(config.maxOutstandingBytes())
                    .build());
    if (t.channelProvider() != null) {
      b.setChannelProvider(t.channelProvider());
    }
    return b.build();
  }

  private void receive(Context ctx, PubsubMessage message, AckReplyConsumer reply) {
    ctx.runOnContext(
        v ->
            processor
                .process(
                    message.getAttributesMap(),
                    message.getData().toByteArray(),
                    message.getMessageId())
                .onComplete(
                    ar -> {
                      if (ar.succeeded() && ar.result().ack()) {
                        reply.ack();
                      } else {
                        reply.nack();
                      }
                    }));
  }

  /** Stops the current subscriber and its channel; runs on a worker. */
  private void shutDown() {
    Subscriber s = subscriber;
    if (s != null && s.state() != ApiService.State.FAILED) {
      s.stopAsync();
      try {
        s.awaitTerminated(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException | IllegalStateException e) {
        log.warn("pull subscriber did not stop cleanly: " + e.getMessage());
      }
    }
    PubSubTransport t = transport;
    if (t != null) {
      t.close();
    }
  }

  /** Starts a new subscriber after the current one failed for good. */
  private final class Restarter extends ApiService.Listener {
    private final Context ctx;

    Restarter(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public void failed(ApiService.State from, Throwable failure) {
      if (stopping) {
        return;
      }
      log.warn(
          "pull subscriber on "
              + config.subscriptionPath()
              + " failed; restarting in "
              + config.restartDelayMillis()
              + " ms: "
              + failure);
      ctx.runOnContext(
          v ->
              vertx.setTimer(
                  config.restartDelayMillis(),
                  id ->
                      vertx
                          .executeBlocking(
                              () -> {
                                shutDown();
                                return null;
                              })
                          .compose(x -> launch())
                          .onFailure(t -> log.error("pull subscriber restart failed", t))));
    }
  }
}
