package dev.files.service.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection of a request whose body stops arriving: no new body byte for the timeout.
 * The idle timeout of the server cannot tell a stalled body from an action that takes its time (the
 * client is silent in both), so the body is watched on its own. Closing the connection fails
 * whatever was reading the body, which cleans up after itself (a PUT to local storage removes its
 * temporary file; its record stays {@code pending}).
 */
final class BodyTimeout {
  private static final Logger LOG = LoggerFactory.getLogger(BodyTimeout.class);

  private final Vertx vertx;
  private final long timeoutMs;

  /**
   * @param timeout the longest wait for the next bytes of a body; zero turns the watch off
   */
  BodyTimeout(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeoutMs = timeout.toMillis();
  }

  /** Watches the body of {@code request} until it ended or its connection closed. */
  void watch(HttpServerRequest request) {
    if (timeoutMs > 0 && !request.isEnded()) {
      new Watch(request).scheduleIn(checkEvery());
    }
  }

  /** Progress is only seen at a check: checking every quarter finds a stall within 1.25x. */
  private long checkEvery() {
    return Math.max(1, timeoutMs / 4);
  }

  private final class Watch {
    private final HttpServerRequest request;
    private long lastRead;
    private long lastProgress = System.nanoTime();

    Watch(HttpServerRequest request) {
      this.request = request;
      this.lastRead = request.bytesRead();
    }

    void scheduleIn(long delayMs) {
      vertx.setTimer(Math.max(1, delayMs), id -> check());
    }

    private void check() {
      if (request.isEnded() || request.response().closed()) {
        return;
      }
      long now = System.nanoTime();
      long read = request.bytesRead();
      if (read != lastRead) {
        lastRead = read;
        lastProgress = now;
      }
      long stalledMs = (now - lastProgress) / 1_000_000;
      if (stalledMs < timeoutMs) {
        scheduleIn(Math.min(timeoutMs - stalledMs, checkEvery()));
        return;
      }
      LOG.info(
          "{} {}: no request body bytes for {} ms after {} bytes; closing the connection",
          request.method(),
          request.path(),
          stalledMs,
          read);
      request.connection().close();
    }
  }
}
