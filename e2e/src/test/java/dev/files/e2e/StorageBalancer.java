package dev.files.e2e;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the instances for storage URLs: local storage signs its URLs with
 * {@code http.publicUrl}, which is this balancer on every instance, as GCS's URLs are independent
 * of the instance that signed them. Each TCP connection goes to the next instance in turn; an
 * instance that refuses the connection (a dead one) is skipped, so a client's resumable upload that
 * lost its connection resumes at a live instance.
 */
final class StorageBalancer {
  private final Vertx vertx;
  private final List<Integer> backends = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private NetServer server;
  private NetClient client;

  StorageBalancer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens on a free loopback port. */
  Future<StorageBalancer> listen() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  /** {@code http://127.0.0.1:<port>}: the instances' {@code http.publicUrl}. */
  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  void addBackend(int port) {
    backends.add(port);
  }

  Future<Void> close() {
    return server.close().eventually(() -> client.close());
  }

  private void accept(NetSocket downstream) {
    downstream.pause();
    connect(backends.size())
        .onFailure(e -> downstream.close())
        .onSuccess(upstream -> pipe(downstream, upstream));
  }

  /** The next backend that accepts a connection, trying each at most once. */
  private Future<NetSocket> connect(int triesLeft) {
    if (backends.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("no instance behind the balancer"));
    }
    int port = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
    return client
        .connect(port, "127.0.0.1")
        .recover(e -> triesLeft > 1 ? connect(triesLeft - 1) : Future.failedFuture(e));
  }

  private static void pipe(NetSocket downstream, NetSocket upstream) {
    forward(downstream, upstream);
    forward(upstream, downstream);
    downstream.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> downstream.close());
    // A reset (the instance killed under a connection) ends the pair, as a closed side does.
    downstream.exceptionHandler(e -> upstream.close());
    upstream.exceptionHandler(e -> downstream.close());
    downstream.resume();
  }

  private static void forward(NetSocket from, NetSocket to) {
    from.handler(
        data -> {
          to.write(data);
          if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
          }
        });
  }
}
