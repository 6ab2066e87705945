package dev.files.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FilesClient} calls: timeouts, retries and, over HTTP, the bearer token.
 *
 * <p>Defaults: timeout 30 s per attempt, 3 retries, back-off from 200 ms doubling up to 5 s, no
 * token, 8 HTTP connections.
 */
public final class FilesClientOptions {
  /** Default time one attempt may take: 30 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default number of retries after the first attempt of a call that may be repeated: 3. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  /** Default wait before the first retry: 200 ms, doubled for each further one. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

  /** Default longest wait between retries: 5 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

  private Duration timeout = DEFAULT_TIMEOUT;
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
  private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
  private String bearerToken;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;

  /** Default HTTP connections kept to the service: 8. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;

  public FilesClientOptions() {}

  /** A copy of {@code other}. */
  public FilesClientOptions(FilesClientOptions other) {
    this.timeout = other.timeout;
    this.maxRetries = other.maxRetries;
    this.initialBackoff = other.initialBackoff;
    this.maxBackoff = other.maxBackoff;
    this.bearerToken = other.bearerToken;
    this.maxConnections = other.maxConnections;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  /** How many HTTP/1.1 connections the client keeps to the service (requests beyond wait). */
  public FilesClientOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    this.maxConnections = maxConnections;
    return this;
  }

  public Duration getTimeout() {
    return timeout;
  }

  /** How long one attempt may take before it fails as {@code unavailable} (a timeout). */
  public FilesClientOptions setTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  public int getMaxRetries() {
    return maxRetries;
  }

  /**
   * How many times a call is tried again after a transient failure; only calls that are safe to
   * repeat are ever retried. 0 turns retries off.
   */
  public FilesClientOptions setMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  public Duration getInitialBackoff() {
    return initialBackoff;
  }

  /** The wait before the first retry; each further retry waits twice as long as the one before. */
  public FilesClientOptions setInitialBackoff(Duration initialBackoff) {
    this.initialBackoff = Objects.requireNonNull(initialBackoff);
    return this;
  }

  public Duration getMaxBackoff() {
    return maxBackoff;
  }

  /** The longest wait between two attempts. */
  public FilesClientOptions setMaxBackoff(Duration maxBackoff) {
    this.maxBackoff = Objects.requireNonNull(maxBackoff);
    return this;
  }

  public String getBearerToken() {
    return bearerToken;
  }

  /**
   * The JWT sent as {@code Authorization: Bearer} over HTTP (the service's {@code auth.mode=jwt});
   * null sends none. The event bus ignores it: the cluster is trusted.
   */
  public FilesClientOptions setBearerToken(String bearerToken) {
    this.bearerToken = bearerToken;
    return this;
  }

  /** The wait before retry number {@code retry} (1 for the first). */
  Duration backoff(int retry) {
    long millis = initialBackoff.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
