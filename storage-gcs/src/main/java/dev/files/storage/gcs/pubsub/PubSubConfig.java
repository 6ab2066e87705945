package dev.files.storage.gcs.pubsub;

import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Configuration of the Pub/Sub notification intake: the {@code storage.gcs.pubsub} section.
 *
 * @param project project of short subscription names; null takes the {@code storage.project}
 * @param credentialsFile key file for the pull subscriber; null uses the storage's or ADC
 * @param emulatorHost {@code host:port} of a Pub/Sub emulator: plaintext, no credentials
 * @param subscription the pull subscription ({@code projects/P/subscriptions/S} or {@code S}); null
 *     runs no pull subscriber
 * @param pushToken the shared secret push deliveries carry as {@code ?token=}; null disables it
 * @param pushAudience the audience of push OIDC tokens (usually the push endpoint URL); null
 *     disables OIDC
 * @param pushServiceAccount the e-mail the push OIDC token must be issued to; null accepts any
 *     Google-signed token for the audience (not recommended)
 * @param pushCertsUrl where the OIDC signing keys are (JWK set); null is Google's
 * @param maxOutstandingMessages pull flow control: unacknowledged messages at most
 * @param maxOutstandingBytes pull flow control: unacknowledged bytes at most
 * @param parallelPullCount pull streams
 * @param restartDelayMillis pause before a failed pull subscriber is started again
 */
public record PubSubConfig(
    String project,
    String credentialsFile,
    String emulatorHost,
    String subscription,
    String pushToken,
    String pushAudience,
    String pushServiceAccount,
    String pushCertsUrl,
    long maxOutstandingMessages,
    long maxOutstandingBytes,
    int parallelPullCount,
    long restartDelayMillis) {

  /** Google's OIDC signing keys (JWK set). */
  public static final String GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v3/certs";

  /** The keys {@link #fromJson} reads from {@code pubsub}, with the defaults it applies. */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string("project", null, "project of short subscription names; null: storage's"),
          ConfigKey.string(
              "credentialsFile", null, "key file of the pull subscriber; null: storage's"),
          ConfigKey.string("emulatorHost", null, "host:port of a Pub/Sub emulator"),
          ConfigKey.string("subscription", null, "pull subscription; null: no pull subscriber"),
          ConfigKey.string("pushToken", null, "push: the ?token= secret; null: not accepted"),
          ConfigKey.string("pushAudience", null, "push: the OIDC audience; null: no OIDC"),
          ConfigKey.string("pushServiceAccount", null, "push: the OIDC e-mail; null: any"),
          ConfigKey.string("pushCertsUrl", null, "push: OIDC signing keys; null: Google's"),
          ConfigKey.integer("maxOutstandingMessages", 100L, "pull: unacknowledged messages"),
          ConfigKey.integer("maxOutstandingBytes", 10L * 1024 * 1024, "pull: unacknowledged bytes"),
          ConfigKey.integer("parallelPullCount", 1L, "pull streams"),
          ConfigKey.integer(
              "restartDelayMillis", 5000L, "pause before a failed pull subscriber restarts"));

  public PubSubConfig {
    if (maxOutstandingMessages < 1 || maxOutstandingBytes < 1 || parallelPullCount < 1) {
      throw new IllegalArgumentException("storage.gcs.pubsub flow control values must be positive");
    }
    if (restartDelayMillis < 1) {
      throw new IllegalArgumentException("storage.gcs.pubsub.restartDelayMillis must be positive");
    }
  }

  /**
   * Reads {@code storage.gcs.pubsub} ({@code pubsub} may be null); {@code project} and {@code
   * credentialsFile} default to the storage section's.
   */
  public static PubSubConfig fromJson(JsonObject storage) {
    JsonObject p = storage.getJsonObject("pubsub", new JsonObject());
    return new PubSubConfig(
        p.getString("project", storage.getString("project")),
        p.getString("credentialsFile", storage.getString("credentialsFile")),
        p.getString("emulatorHost"),
        p.getString("subscription"),
        p.getString("pushToken"),
        p.getString("pushAudience"),
        p.getString("pushServiceAccount"),
        p.getString("pushCertsUrl"),
        p.getLong("maxOutstandingMessages", 100L),
        p.getLong("maxOutstandingBytes", 10L * 1024 * 1024),
        p.getInteger("parallelPullCount", 1),
        p.getLong("restartDelayMillis", 5000L));
  }

  /** Defaults for {@code project}: no push auth, no subscription. */
  public static PubSubConfig defaults(String project) {
    return fromJson(new JsonObject().put("project", project));
  }

  /** The full subscription name, or null when none is configured. */
  public String subscriptionPath() {
    if (subscription == null || subscription.startsWith("projects/")) {
      return subscription;
    }
    if (project == null) {
      throw new IllegalStateException(
          "storage.gcs.pubsub.subscription '" + subscription + "' needs storage.gcs.project");
    }
    return "projects/" + project + "/subscriptions/" + subscription;
  }

  /** Whether a push delivery can be authenticated at all. */
  public boolean pushAuthConfigured() {
    return pushToken != null || pushAudience != null;
  }

  public PubSubConfig withEmulatorHost(String host) {
    return new PubSubConfig(
        project,
        credentialsFile,
        host,
        subscription,
        pushToken,
        pushAudience,
        pushServiceAccount,
        pushCertsUrl,
        maxOutstandingMessages,
        maxOutstandingBytes,
        parallelPullCount,
        restartDelayMillis);
  }

  public PubSubConfig withSubscription(String name) {
    return new PubSubConfig(
        project,
        credentialsFile,
        emulatorHost,
        name,
        pushToken,
        pushAudience,
        pushServiceAccount,
        pushCertsUrl,
        maxOutstandingMessages,
        maxOutstandingBytes,
        parallelPullCount,
        restartDelayMillis);
  }

  public PubSubConfig withPushToken(String token) {
    return new PubSubConfig(
        project,
        credentialsFile,
        emulatorHost,
        subscription,
        token,
        pushAudience,
        pushServiceAccount,
        pushCertsUrl,
        maxOutstandingMessages,
        maxOutstandingBytes,
        parallelPullCount,
        restartDelayMillis);
  }

  public PubSubConfig withPushOidc(String audience, String serviceAccount, String certsUrl) {
    return new PubSubConfig(
        project,
        credentialsFile,
        emulatorHost,
        subscription,
        pushToken,
        audience,
        serviceAccount,
        certsUrl,
        maxOutstandingMessages,
        maxOutstandingBytes,
        parallelPullCount,
        restartDelayMillis);
  }

  public PubSubConfig withFlowControl(long messages, long bytes, long restartDelay) {
    return new PubSubConfig(
        project,
        credentialsFile,
        emulatorHost,
        subscription,
        pushToken,
        pushAudience,
        pushServiceAccount,
        pushCertsUrl,
        messages,
        bytes,
        parallelPullCount,
        restartDelay);
  }
}
