package dev.files.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark starts itself (redis-server, pouchdb-server, the service jar), logging to
 * a file, stopped by its own process handle.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir) {
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve(name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new ChildProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** A TCP port nobody listens on right now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits until something accepts connections on the port. */
  ChildProcess awaitPort(int port, int seconds) {
    awaitUntil(
        seconds,
        () -> {
          try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
          }
        });
    return this;
  }

  /** Waits until GET url answers 200. */
  ChildProcess awaitHttp(String url, int seconds) {
    awaitUntil(
        seconds,
        () -> {
          HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
          c.setConnectTimeout(500);
          c.setReadTimeout(5000);
          return c.getResponseCode() == 200;
        });
    return this;
  }

  private interface Probe {
    boolean up() throws IOException;
  }

  private void awaitUntil(int seconds, Probe probe) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start:\n" + logTail());
      }
      try {
        if (probe.up()) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IllegalStateException(
        name + " did not come up within " + seconds + " s:\n" + logTail());
  }

  /** The last lines the process logged (its log file goes with the work directory). */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  /** VmHWM (peak resident set) of the process in KiB, from /proc; -1 when unreadable. */
  long peakRssKib() {
    return procStatusKib(process.pid(), "VmHWM:");
  }

  static long procStatusKib(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ProcessHandle h = process.toHandle();
    h.descendants().forEach(ProcessHandle::destroy);
    h.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
