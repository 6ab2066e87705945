package dev.files.service.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the service that, once armed, drops the connection carrying the request
 * bytes that cross a threshold, a number of times (the count restarts after each drop): a
 * connection lost in the middle of an upload, as on a bad network. Chromium resends a request by
 * itself, on a new connection, once when a reused keep-alive connection breaks before an answer: so
 * after each drop the first new connection that sends bytes is dropped as well, and the page sees
 * the failure whether or not Chromium resent the request.
 */
final class DroppingProxy {
  private final Vertx vertx;
  private final int targetPort;
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private final AtomicLong bytesSinceArmed = new AtomicLong();
  private final AtomicInteger drops = new AtomicInteger();
  private final AtomicLong connections = new AtomicLong();

  /** Connections numbered above this one, opened after the last drop, may carry its resend. */
  private final AtomicLong lastBeforeDrop = new AtomicLong(Long.MAX_VALUE);

  private volatile long threshold;
  private NetServer server;
  private NetClient client;

  DroppingProxy(Vertx vertx, int targetPort) {
    this.vertx = vertx;
    this.targetPort = targetPort;
  }

  Future<Integer> listen() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::connect);
    return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  /** Drops a connection each time this many more request bytes went through, {@code times}. */
  void dropEvery(long bytes, int times) {
    threshold = bytes;
    bytesSinceArmed.set(0);
    dropsLeft.set(times);
  }

  int drops() {
    return drops.get();
  }

  Future<Void> close() {
    return server.close().compose(v -> client.close());
  }

  private void connect(NetSocket downstream) {
    downstream.pause();
    client
        .connect(targetPort, "127.0.0.1")
        .onSuccess(upstream -> pipe(downstream, upstream))
        .onFailure(e -> downstream.close());
  }

  private void pipe(NetSocket downstream, NetSocket upstream) {
    long number = connections.incrementAndGet();
    downstream.handler(
        buffer -> {
          long before = lastBeforeDrop.get();
          if (number > before && lastBeforeDrop.compareAndSet(before, Long.MAX_VALUE)) {
            close(downstream, upstream);
            return;
          }
          if (dropsLeft.get() > 0 && bytesSinceArmed.addAndGet(buffer.length()) > threshold) {
            dropsLeft.decrementAndGet();
            bytesSinceArmed.set(0);
            drops.incrementAndGet();
            lastBeforeDrop.set(connections.get());
            close(downstream, upstream);
            return;
          }
          upstream.write(buffer);
        });
    upstream.handler(downstream::write);
    downstream.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> downstream.close());
    downstream.resume();
  }

  private static void close(NetSocket downstream, NetSocket upstream) {
    downstream.close();
    upstream.close();
  }
}
