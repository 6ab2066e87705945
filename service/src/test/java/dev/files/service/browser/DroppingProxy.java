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
 * itself once when a reused keep-alive connection breaks, so a page sees a failure only when the
 * resent request breaks too.
 */
final class DroppingProxy {
  private final Vertx vertx;
  private final int targetPort;
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private final AtomicLong bytesSinceArmed = new AtomicLong();
  private final AtomicInteger drops = new AtomicInteger();
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
    downstream.handler(
        buffer -> {
          if (dropsLeft.get() > 0 && bytesSinceArmed.addAndGet(buffer.length()) > threshold) {
            dropsLeft.decrementAndGet();
            bytesSinceArmed.set(0);
            drops.incrementAndGet();
            downstream.close();
            upstream.close();
            return;
          }
          upstream.write(buffer);
        });
    upstream.handler(downstream::write);
    downstream.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> downstream.close());
    downstream.resume();
  }
}
