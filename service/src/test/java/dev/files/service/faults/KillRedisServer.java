package dev.files.service.faults;

import dev.files.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of one kill test with the durability the production layout relies on:
 * {@code appendonly yes}, {@code appendfsync always} (every acknowledged write is in the fsynced
 * AOF), no RDB snapshots, in its own directory on a free loopback port. {@link #kill()} is SIGKILL;
 * {@link #restart()} starts it again on the same port and directory, so it reloads the AOF. A
 * shutdown hook kills it if the test JVM ends first.
 */
final class KillRedisServer implements AutoCloseable {
  private static final long START_SECONDS = 30;

  private final Path dir;
  private final int port;
  private final Thread killOnExit;
  private Process process;

  private KillRedisServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
    this.killOnExit = new Thread(this::destroy, "kill-redis-server-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts a server keeping its AOF under {@code dir}. */
  static KillRedisServer start(Path dir) {
    KillRedisServer server = new KillRedisServer(dir, FreePorts.next());
    try {
      server.restart();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (again) and waits until it answers PING, which it does once loaded. */
  synchronized void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server is running already");
    }
    List<String> command =
        List.of(
            "redis-server",
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
            "--daemonize",
            "no",
            "--loglevel",
            "warning");
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start redis-server (scripts/prereqs/redis.sh installs it)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        destroy();
        throw new IllegalStateException("redis-server did not start on port " + port + log());
      }
      ServiceChild.pause(20);
    }
  }

  /** SIGKILL: no shutdown save, no AOF rewrite; only what was fsynced survives. */
  synchronized void kill() {
    destroy();
  }

  private synchronized void destroy() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server outlived SIGKILL by 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    process = null;
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] reply = in.readNBytes(7);
      return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private String log() {
    try {
      return ":\n" + Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return " (no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }
}
