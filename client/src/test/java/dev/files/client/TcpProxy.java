package dev.files.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of a real server, able to misbehave on purpose: drop
 * a connection once after some bytes, refuse the next connections, or swallow requests.
 */
final class TcpProxy {
  private final Vertx vertx;
  private NetServer server;
  private volatile int targetPort;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger refuse = new AtomicInteger();
  private final AtomicLong dropAfter = new AtomicLong(-1);
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicInteger drops = new AtomicInteger();
  private volatile boolean blackHole;

  TcpProxy(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<TcpProxy> listen() {
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  int port() {
    return server.actualPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  void target(int port) {
    this.targetPort = port;
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Connections dropped by {@link #dropOnceAfter}. */
  int drops() {
    return drops.get();
  }

  /** Closes the next {@code count} connections as soon as they open. */
  void refuseNext(int count) {
    refuse.set(count);
  }

  /** Cuts the connection that carries the {@code bytes}-th byte from now towards the server. */
  void dropOnceAfter(long bytes) {
    forwarded.set(0);
    dropAfter.set(bytes);
  }

  /** Accepts connections and reads requests but never forwards them. */
  void blackHole(boolean on) {
    this.blackHole = on;
  }

  void reset() {
    connections.set(0);
    refuse.set(0);
    dropAfter.set(-1);
    blackHole = false;
  }

  Future<Void> close() {
    return server.close();
  }

  private void accept(NetSocket client) {
    connections.incrementAndGet();
    if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      client.close();
      return;
    }
    if (blackHole) {
      client.handler(data -> {});
      return;
    }
    client.pause();
    vertx
        .createNetClient()
        .connect(targetPort, "127.0.0.1")
        .onFailure(e -> client.close())
        .onSuccess(upstream -> pipe(client, upstream));
  }

  private void pipe(NetSocket client, NetSocket upstream) {
    client.handler(
        data -> {
          long limit = dropAfter.get();
          if (limit >= 0 && forwarded.addAndGet(data.length()) > limit) {
            dropAfter.set(-1);
            drops.incrementAndGet();
            client.close();
            upstream.close();
            return;
          }
          upstream.write(data);
          if (upstream.writeQueueFull()) {
            client.pause();
            upstream.drainHandler(v -> client.resume());
          }
        });
    upstream.handler(
        data -> {
          client.write(data);
          if (client.writeQueueFull()) {
            upstream.pause();
            client.drainHandler(v -> upstream.resume());
          }
        });
    client.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> client.close());
    client.resume();
  }
}
