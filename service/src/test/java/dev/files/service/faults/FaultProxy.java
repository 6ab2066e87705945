package dev.files.service.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that injects network faults between a client and a server (the service
 * and Redis or CouchDB). Every accepted connection gets its own connection to the target and two
 * pumps, one per {@link Direction}; each pump applies its direction's {@link Mode} to every chunk
 * of bytes it reads, and modes can be switched at any time:
 *
 * <ul>
 *   <li>{@link Mode#pass()}: forward;
 *   <li>{@link Mode#freeze()}: hold the chunk (and, by TCP back-pressure, everything after it)
 *       until the mode changes, then forward it;
 *   <li>{@link Mode#delay(long)}: forward each chunk that many milliseconds late;
 *   <li>{@link Mode#close()}: drop the chunk and close both sockets with FIN;
 *   <li>{@link Mode#reset()}: drop the chunk and reset both sockets (RST, {@code SO_LINGER 0}).
 * </ul>
 *
 * {@link #closeAll()} and {@link #resetAll()} end the open connections at once, whatever flows.
 * {@link #freezeOnceSeen} freezes a direction when a chunk holds a marker (a command name), so a
 * fault can hit one step of an operation. Blocking sockets and two daemon threads per connection: a
 * test has a few dozen connections at most.
 */
public final class FaultProxy implements AutoCloseable {
  /** Which way bytes flow. */
  public enum Direction {
    /** From the client to the target (requests). */
    UPSTREAM,
    /** From the target back to the client (replies). */
    DOWNSTREAM
  }

  /** What a pump does with the bytes it reads. */
  public record Mode(Kind kind, long delayMs) {
    /** The kinds of mode. */
    public enum Kind {
      PASS,
      FREEZE,
      DELAY,
      CLOSE,
      RESET
    }

    public static Mode pass() {
      return new Mode(Kind.PASS, 0);
    }

    public static Mode freeze() {
      return new Mode(Kind.FREEZE, 0);
    }

    public static Mode delay(long ms) {
      return new Mode(Kind.DELAY, ms);
    }

    public static Mode close() {
      return new Mode(Kind.CLOSE, 0);
    }

    public static Mode reset() {
      return new Mode(Kind.RESET, 0);
    }
  }

  private static final int BUFFER = 64 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Map<Direction, Mode> modes = new EnumMap<>(Direction.class);
  private final Map<Direction, byte[]> freezeMarkers = new EnumMap<>(Direction.class);
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private volatile boolean open = true;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    modes.put(Direction.UPSTREAM, Mode.pass());
    modes.put(Direction.DOWNSTREAM, Mode.pass());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port to {@code 127.0.0.1:targetPort}, passing everything. */
  public static FaultProxy to(int targetPort) {
    try {
      return new FaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the fault proxy: " + e, e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Sets the mode of one direction (for every connection, open and future). */
  public synchronized void set(Direction direction, Mode mode) {
    modes.put(direction, mode);
    freezeMarkers.clear(); // the test took over
    notifyAll();
  }

  /** Sets the mode of both directions. */
  public synchronized void setBoth(Mode mode) {
    set(Direction.UPSTREAM, mode);
    set(Direction.DOWNSTREAM, mode);
  }

  /**
   * Freezes {@code direction} as soon as a chunk flowing that way contains {@code marker} (ASCII; a
   * marker split across two chunks is not seen). The chunk itself is held. Cleared by the next
   * {@link #set} or {@link #setBoth}.
   */
  public synchronized void freezeOnceSeen(Direction direction, String marker) {
    freezeMarkers.put(direction, marker.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether a direction is frozen now (by {@link #set} or by a marker). */
  public synchronized boolean frozen(Direction direction) {
    return modes.get(direction).kind() == Mode.Kind.FREEZE;
  }

  /** Connections open now. */
  public int connections() {
    return links.size();
  }

  /** Closes every open connection with FIN on both sides; new connections are accepted. */
  public void closeAll() {
    links.forEach(l -> l.end(false));
  }

  /** Resets every open connection (RST on both sides); new connections are accepted. */
  public void resetAll() {
    links.forEach(l -> l.end(true));
  }

  @Override
  public void close() {
    open = false;
    synchronized (this) {
      notifyAll();
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new IllegalStateException("cannot close the fault proxy: " + e, e);
    }
    closeAll();
  }

  private void acceptLoop() {
    while (open) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = new Socket();
      try {
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        upstream.connect(target, 2000);
      } catch (IOException e) {
        // the target is down: the client sees its connection closed, as without a proxy it
        // would see it refused
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      Link link = new Link(client, upstream);
      links.add(link);
      link.start();
    }
  }

  /** One proxied connection: the client's socket and ours to the target. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;
    private boolean ended;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      pump(client, upstream, Direction.UPSTREAM);
      pump(upstream, client, Direction.DOWNSTREAM);
    }

    private void pump(Socket from, Socket to, Direction direction) {
      Thread t =
          new Thread(
              () -> {
                try {
                  copy(from.getInputStream(), to.getOutputStream(), direction);
                } catch (IOException e) {
                  // the peer went away or this link ended: end both sides
                }
                end(false);
              },
              "fault-proxy-" + direction + "-" + from.getPort());
      t.setDaemon(true);
      t.start();
    }

    private void copy(InputStream in, OutputStream out, Direction direction) throws IOException {
      byte[] buf = new byte[BUFFER];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        Mode mode = modeFor(direction, buf, n);
        switch (mode.kind()) {
          case CLOSE -> {
            end(false);
            return;
          }
          case RESET -> {
            end(true);
            return;
          }
          case DELAY -> sleep(mode.delayMs());
          default -> {}
        }
        out.write(buf, 0, n);
        out.flush();
      }
    }

    /** The mode for this chunk; waits while the direction is frozen (or freezes it now). */
    private Mode modeFor(Direction direction, byte[] chunk, int length) throws IOException {
      synchronized (FaultProxy.this) {
        byte[] marker = freezeMarkers.get(direction);
        if (marker != null && contains(chunk, length, marker)) {
          freezeMarkers.remove(direction);
          modes.put(direction, Mode.freeze());
        }
        while (modes.get(direction).kind() == Mode.Kind.FREEZE && open && !ended()) {
          try {
            FaultProxy.this.wait(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while frozen", e);
          }
        }
        return modes.get(direction);
      }
    }

    private synchronized boolean ended() {
      return ended;
    }

    /** Ends the link: FIN on both sockets, or RST when {@code reset}. Once. */
    void end(boolean reset) {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      links.remove(this);
      if (reset) {
        resetQuietly(client);
        resetQuietly(upstream);
      } else {
        closeQuietly(client);
        closeQuietly(upstream);
      }
    }
  }

  private static boolean contains(byte[] chunk, int length, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (Character.toLowerCase(chunk[i + j]) != Character.toLowerCase(marker[j])) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void resetQuietly(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed: nothing to reset
    }
    closeQuietly(s);
  }

  /** Closing a socket the peer already closed may fail; the link is over either way. */
  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
