package dev.files.storage.gcs.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import dev.files.storage.gcs.GoogleCredentialsLoader;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * How a Pub/Sub client reaches Pub/Sub: Google's endpoint with the service's credentials, or an
 * emulator over a plaintext channel without credentials (the Java client does not read {@code
 * PUBSUB_EMULATOR_HOST} itself). Owns the emulator channel; {@link #close} shuts it down.
 */
public final class PubSubTransport implements AutoCloseable {
  private final ManagedChannel channel;
  private final TransportChannelProvider channelProvider;
  private final CredentialsProvider credentialsProvider;

  private PubSubTransport(
      ManagedChannel channel,
      TransportChannelProvider channelProvider,
      CredentialsProvider credentialsProvider) {
    this.channel = channel;
    this.channelProvider = channelProvider;
    this.credentialsProvider = credentialsProvider;
  }

  /** The transport for {@code config}; loading credentials may block. */
  public static PubSubTransport of(PubSubConfig config) {
    if (config.emulatorHost() != null) {
      return emulator(config.emulatorHost());
    }
    return new PubSubTransport(
        null,
        null,
        FixedCredentialsProvider.create(GoogleCredentialsLoader.load(config.credentialsFile())));
  }

  /** A plaintext channel to the emulator at {@code hostPort}. */
  public static PubSubTransport emulator(String hostPort) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(hostPort).usePlaintext().build();
    return new PubSubTransport(
        channel,
        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)),
        NoCredentialsProvider.create());
  }

  /** The channel provider to set on a client, or null for the client's default (Google). */
  public TransportChannelProvider channelProvider() {
    return channelProvider;
  }

  public CredentialsProvider credentialsProvider() {
    return credentialsProvider;
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
