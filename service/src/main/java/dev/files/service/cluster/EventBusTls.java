package dev.files.service.cluster;

import dev.files.service.config.ServiceConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PfxOptions;
import java.util.Locale;

/**
 * Mutual TLS on the event bus transport: every instance presents the key store's certificate and
 * accepts only peers whose certificate the trust store vouches for. Both stores set, or neither.
 *
 * @param keyStore a JKS ({@code .jks}) or PKCS#12 (anything else) file with this instance's key
 * @param keyStorePassword its password
 * @param trustStore a JKS or PKCS#12 file with the certificates of who may join
 * @param trustStorePassword its password
 */
public record EventBusTls(
    String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {

  /** No TLS: the event bus is plain TCP. */
  public static final EventBusTls NONE = new EventBusTls("", "", "", "");

  static EventBusTls from(ServiceConfig config) {
    EventBusTls tls =
        new EventBusTls(
            text(config, "cluster.eventBus.keyStore"),
            text(config, "cluster.eventBus.keyStorePassword"),
            text(config, "cluster.eventBus.trustStore"),
            text(config, "cluster.eventBus.trustStorePassword"));
    if (tls.keyStore().isEmpty() != tls.trustStore().isEmpty()) {
      throw new IllegalArgumentException(
          "cluster.eventBus.keyStore and cluster.eventBus.trustStore must be set together"
              + " (mutual TLS needs both)");
    }
    return tls;
  }

  /** Whether TLS is configured. */
  public boolean enabled() {
    return !keyStore.isEmpty();
  }

  /** Turns on mutual TLS in {@code options} when configured; leaves them alone otherwise. */
  public void applyTo(EventBusOptions options) {
    if (!enabled()) {
      return;
    }
    options
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(store(keyStore, keyStorePassword))
        .setTrustOptions(store(trustStore, trustStorePassword));
  }

  /**
   * The typed options rather than a generic {@code KeyStoreOptions}: the clustered event bus copies
   * its options through JSON, which keeps only the typed ones.
   */
  private static KeyStoreOptionsBase store(String path, String password) {
    if (path.toLowerCase(Locale.ROOT).endsWith(".jks")) {
      return new JksOptions().setPath(path).setPassword(password);
    }
    return new PfxOptions().setPath(path).setPassword(password);
  }

  private static String text(ServiceConfig config, String key) {
    String value = config.string(key);
    return value == null ? "" : value.trim();
  }

  @Override
  public String toString() {
    return enabled() ? "mutual TLS (" + keyStore + ", trust " + trustStore + ")" : "plain TCP";
  }
}
