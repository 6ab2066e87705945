package dev.files.service.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.faults.FaultProxy.Direction;
import dev.files.service.faults.FaultProxy.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's modes against a real echo server on loopback, seen from a real client socket. */
class FaultProxyTest {
  private ServerSocket echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serveEcho, "echo");
    t.setDaemon(true);
    t.start();
    proxy = FaultProxy.to(echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private void serveEcho() {
    while (!echo.isClosed()) {
      try {
        Socket s = echo.accept();
        Thread t =
            new Thread(
                () -> {
                  try (s) {
                    s.getInputStream().transferTo(s.getOutputStream());
                  } catch (IOException e) {
                    // the client or the proxy went away: this echo is over
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static String receive(Socket s, int length) throws IOException {
    byte[] got = s.getInputStream().readNBytes(length);
    return new String(got, StandardCharsets.US_ASCII);
  }

  @Test
  void passesBytesBothWays() throws IOException {
    try (Socket s = connect()) {
      send(s, "hello");
      assertEquals("hello", receive(s, 5));
      assertEquals(1, proxy.connections());
    }
  }

  @Test
  void aFrozenDirectionHoldsItsBytesUntilSwitchedBack() throws IOException {
    try (Socket s = connect()) {
      send(s, "warm");
      assertEquals("warm", receive(s, 4));
      proxy.set(Direction.DOWNSTREAM, Mode.freeze());
      send(s, "held");
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.set(Direction.DOWNSTREAM, Mode.pass());
      s.setSoTimeout(10_000);
      assertEquals("held", receive(s, 4), "nothing is lost by a freeze");
    }
  }

  @Test
  void aDelayedDirectionForwardsLate() throws IOException {
    proxy.set(Direction.UPSTREAM, Mode.delay(200));
    try (Socket s = connect()) {
      long start = System.nanoTime();
      send(s, "late");
      assertEquals("late", receive(s, 4));
      assertTrue(System.nanoTime() - start >= 200_000_000L, "at least the delay");
    }
  }

  @Test
  void closeModeEndsTheConnectionWithFin() throws IOException {
    try (Socket s = connect()) {
      send(s, "one");
      assertEquals("one", receive(s, 3));
      proxy.set(Direction.DOWNSTREAM, Mode.close());
      send(s, "two");
      assertEquals(-1, s.getInputStream().read(), "an orderly end of stream, no reply");
    }
    proxy.set(Direction.DOWNSTREAM, Mode.pass());
    try (Socket s = connect()) {
      send(s, "three");
      assertEquals("three", receive(s, 5), "new connections pass again");
    }
  }

  @Test
  void resetModeResetsTheConnection() throws IOException {
    try (Socket s = connect()) {
      proxy.set(Direction.UPSTREAM, Mode.reset());
      send(s, "boom");
      assertReset(s);
    }
  }

  @Test
  void closeAllAndResetAllEndIdleConnections() throws IOException {
    try (Socket a = connect();
        Socket b = connect()) {
      send(a, "a");
      send(b, "b");
      assertEquals("a", receive(a, 1));
      assertEquals("b", receive(b, 1));
      proxy.closeAll();
      assertEquals(-1, a.getInputStream().read());
      assertEquals(-1, b.getInputStream().read());
    }
    try (Socket c = connect()) {
      send(c, "c");
      assertEquals("c", receive(c, 1));
      proxy.resetAll();
      assertReset(c);
    }
  }

  @Test
  void freezesOnceAMarkerIsSeen() throws IOException {
    proxy.freezeOnceSeen(Direction.UPSTREAM, "EVALSHA");
    try (Socket s = connect()) {
      send(s, "GET k");
      assertEquals("GET k", receive(s, 5));
      send(s, "evalsha x");
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.set(Direction.UPSTREAM, Mode.pass());
      s.setSoTimeout(10_000);
      assertArrayEquals(
          "evalsha x".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(9));
    }
  }

  /** A reset shows as "Connection reset" on the next read, not as an orderly end. */
  private static void assertReset(Socket s) {
    SocketException e = assertThrows(SocketException.class, () -> s.getInputStream().read());
    assertTrue(e.getMessage().contains("reset"), e.toString());
  }
}
