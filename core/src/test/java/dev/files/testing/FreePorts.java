package dev.files.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the servers and processes a test starts. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A port free right now: the OS picks it and it is released at once, so the caller binds it soon
   * (another process may take it in between; the OS hands out ports in rotation, so that is rare).
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
