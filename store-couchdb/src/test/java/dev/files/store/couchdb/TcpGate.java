package dev.files.store.couchdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder on a loopback port that a test can shut and open again: while shut, connecting is
 * refused and every open connection is closed, as when the server behind it goes away; the server
 * itself keeps running (and keeps its data), which is what an external server allows a test to do.
 * Blocking sockets and two daemon threads per connection: a test opens a few dozen at most.
 */
final class TcpGate implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> pumps = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private TcpGate(String targetHost, int targetPort, int port) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = port;
  }

  /** A gate to {@code host:port}, open on a free loopback port. */
  static TcpGate to(String host, int port) {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      TcpGate gate = new TcpGate(host, port, probe.getLocalPort());
      probe.close();
      gate.open();
      return gate;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  /** Accepts connections (again) on the same port. */
  synchronized void open() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = s;
      daemon("tcp-gate-accept", () -> accept(s));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
  }

  /**
   * Stops listening, closes every open connection and waits (up to 10 s) until no byte can pass any
   * more: every pump has ended.
   */
  void shut() {
    synchronized (this) {
      if (listener == null) {
        return;
      }
      closeQuietly(listener);
      listener = null;
      sockets.forEach(TcpGate::closeQuietly);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread pump : pumps) {
      try {
        pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (pumps.stream().anyMatch(Thread::isAlive)) {
      throw new IllegalStateException("connections through the gate still open after 10 s");
    }
  }

  @Override
  public void close() {
    shut();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket server = new Socket(targetHost, targetPort);
        synchronized (this) {
          if (listener != s) {
            // shut while this connection was being made: it must not outlive the gate
            closeQuietly(client);
            closeQuietly(server);
            continue;
          }
          sockets.add(client);
          sockets.add(server);
          pumps.add(daemon("tcp-gate-up", () -> pump(client, server)));
          pumps.add(daemon("tcp-gate-down", () -> pump(server, client)));
        }
      } catch (IOException closedOrRefused) {
        // the gate was shut (accept fails) or the target refused: the client sees a closed socket
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) != -1; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // either side went away: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
      pumps.remove(Thread.currentThread());
    }
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException alreadyGone) {
      // closing is all we want; a socket that cannot close is gone already
    }
  }
}
