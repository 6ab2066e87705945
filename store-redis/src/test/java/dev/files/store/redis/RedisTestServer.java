package dev.files.store.redis;

import dev.files.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@code redis-server} for tests: started once per test JVM on a free port (no persistence,
 * a temporary directory), stopped by its PID when the JVM exits. Tests get an isolated keyspace
 * each through {@link #uniquePrefix()} (or {@link #openFreshStore}). Fault tests may {@link
 * #stop()} and {@link #start()} it again on the same port.
 *
 * <p>Exported in this module's test-jar for the syncer and service tests. A missing {@code
 * redis-server} fails with a message saying how to install it; tests never skip.
 */
public final class RedisTestServer {
  private static RedisTestServer shared;
  private static final AtomicLong KEYSPACES = new AtomicLong();

  private final String binary;
  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private RedisTestServer(String binary, int port, Path dir, List<String> extraArgs) {
    this.binary = binary;
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** The JVM's server, started on first use. */
  public static synchronized RedisTestServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /**
   * A server of its own (also stopped when the JVM exits), for tests that stop and restart it
   * without disturbing the shared one.
   */
  public static RedisTestServer startNew() {
    return startNew(List.of());
  }

  /**
   * A server of its own started with more {@code redis-server} arguments, which override the
   * defaults (no persistence): {@code List.of("--appendonly", "yes")} keeps its data across {@link
   * #kill()} and {@link #start(List)} in its directory.
   */
  public static RedisTestServer startNew(List<String> extraArgs) {
    try {
      Path dir = Files.createTempDirectory("redis-test-");
      RedisTestServer s =
          new RedisTestServer(findBinary(), FreePorts.next(), dir, List.copyOf(extraArgs));
      s.start();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "redis-test-server-stop"));
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** A key prefix no other test of this JVM uses. */
  public String uniquePrefix() {
    return "t" + ProcessHandle.current().pid() + "-" + KEYSPACES.incrementAndGet() + ":";
  }

  /** The store configuration for a fresh keyspace on this server, with {@code shards} shards. */
  public JsonObject freshConfig(int shards) {
    return new JsonObject()
        .put("url", url())
        .put("prefix", uniquePrefix())
        .put("shards", shards)
        .put("timeoutMs", 5000);
  }

  /** A store over a fresh, empty keyspace (4 shards, so merging across shards is exercised). */
  public Future<RedisFileStore> openFreshStore(Vertx vertx) {
    return RedisStoreProvider.open(vertx, RedisStoreConfig.from(freshConfig(4)));
  }

  /** Whether the server process is running. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the server (again) on its port and waits until it answers PING. */
  public synchronized void start() {
    start(List.of());
  }

  /**
   * Starts the server again with arguments for this start only (after the ones it was created with)
   * and waits until it answers PING, or, while it loads its data, LOADING.
   */
  public synchronized void start(List<String> argsOfThisStart) {
    if (running()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dir.toString(),
            "--daemonize", "no",
            "--loglevel", "warning"));
    cmd.addAll(extraArgs);
    cmd.addAll(argsOfThisStart);
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!answersPingOrLoading()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = readLog();
        stop();
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + log);
      }
      sleep(20);
    }
  }

  /** The process id of the running server. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("redis-server is not running");
    }
    return process.pid();
  }

  /** SIGKILL, as a crash: no shutdown work; waits until the process is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    try {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server by its PID and waits until it is gone. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    p.destroy(); // SIGTERM to the PID: redis-server exits at once (no persistence)
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the server answers PING now ({@code +PONG}). */
  public boolean answersPing() {
    return "+PONG".equals(pingReply());
  }

  private boolean answersPingOrLoading() {
    String reply = pingReply();
    return reply != null && (reply.equals("+PONG") || reply.startsWith("-LOADING"));
  }

  /**
   * Sends one command in the inline protocol on a connection of its own and returns the reply: the
   * text of a bulk string ({@code INFO}), else its first line ({@code +OK}, {@code -ERR ...},
   * {@code :1}). For tests that steer the server ({@code CONFIG SET}, {@code DEBUG ...}) beside the
   * client under test.
   */
  public String command(String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String first = readLine(in);
      if (first.startsWith("$") && !first.equals("$-1")) {
        byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
        return new String(bulk, StandardCharsets.UTF_8);
      }
      return first;
    } catch (IOException e) {
      throw new IllegalStateException("redis-server did not answer " + inline + ": " + e, e);
    }
  }

  private String pingReply() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return readLine(s.getInputStream());
    } catch (IOException e) {
      return null;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private String readLog() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String findBinary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, "redis-server");
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "redis-server is not on the PATH: run scripts/prereqs/redis.sh"
            + " (it runs apt-get install -y redis-server)");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
