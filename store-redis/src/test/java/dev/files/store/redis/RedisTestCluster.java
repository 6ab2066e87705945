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
 * A real Redis Cluster for tests: six {@code redis-server} nodes on free loopback ports (no
 * persistence, a temporary directory each), joined by {@code redis-cli --cluster create} into 3
 * masters with one replica each, ready when every node reports {@code cluster_state:ok}. Started
 * once per test JVM by {@link #shared()} (or {@link #startNew()} for a test that kills nodes), and
 * stopped by PID when the JVM exits. Tests get an isolated keyspace through {@link
 * #freshConfig(int)}.
 *
 * <p>Exported in this module's test-jar. A missing {@code redis-server} or {@code redis-cli} fails
 * with a message saying how to install them; tests never skip.
 */
public final class RedisTestCluster {
  private static final int NODES = 6;
  private static final long READY_SECONDS = 60;
  private static final AtomicLong KEYSPACES = new AtomicLong();
  private static RedisTestCluster shared;

  private final List<Node> nodes;

  private RedisTestCluster(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** The JVM's cluster, started on first use. */
  public static synchronized RedisTestCluster shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** A cluster of its own (also stopped when the JVM exits), for tests that kill its nodes. */
  public static RedisTestCluster startNew() {
    String server = findBinary("redis-server");
    String cli = findBinary("redis-cli");
    List<Node> nodes = new ArrayList<>();
    RedisTestCluster cluster = new RedisTestCluster(nodes);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "redis-test-cluster-stop"));
    try {
      for (int i = 0; i < NODES; i++) {
        nodes.add(Node.start(server, FreePorts.next(), FreePorts.next()));
      }
      cluster.create(cli);
      cluster.awaitState("cluster_state:ok");
      cluster.awaitReplicasInSync();
      return cluster;
    } catch (IOException | RuntimeException e) {
      String logs = cluster.logs();
      cluster.stop();
      throw new IllegalStateException("cannot start a Redis Cluster: " + e + "\n" + logs, e);
    }
  }

  private void create(String cli) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(cli, "--cluster", "create"));
    for (Node n : nodes) {
      cmd.add("127.0.0.1:" + n.port);
    }
    cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the cluster", e);
    }
  }

  /** Waits until every running node's {@code CLUSTER INFO} contains {@code state}. */
  public void awaitState(String state) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (!everyRunningNodeSays(state)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "cluster did not reach "
                + state
                + " within "
                + READY_SECONDS
                + " s:\n"
                + clusterInfo());
      }
      RedisTestServer.sleep(100);
    }
  }

  /**
   * Waits until every replica has finished its first sync ({@code master_link_status:up}): a
   * replica that never synced refuses to fail over ("disconnected from master for longer than
   * allowed"), so a test killing a master right after the start would see no failover.
   */
  public void awaitReplicasInSync() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (!everyReplicaInSync()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "replicas did not sync within " + READY_SECONDS + " s:\n" + clusterInfo());
      }
      RedisTestServer.sleep(100);
    }
  }

  private boolean everyReplicaInSync() {
    for (Node n : nodes) {
      if (n.running()
          && n.commandOrNull("ROLE").equals("slave")
          && !n.commandOrNull("INFO replication").contains("master_link_status:up")) {
        return false;
      }
    }
    return true;
  }

  private boolean everyRunningNodeSays(String state) {
    for (Node n : nodes) {
      if (n.running() && !n.commandOrNull("CLUSTER INFO").contains(state)) {
        return false;
      }
    }
    return true;
  }

  /** {@code CLUSTER INFO} and {@code CLUSTER NODES} of every node, for failure messages. */
  public String clusterInfo() {
    StringBuilder out = new StringBuilder();
    for (Node n : nodes) {
      out.append("--- ").append(n.port).append(": ").append(n.commandOrNull("CLUSTER INFO"));
      out.append(n.commandOrNull("CLUSTER NODES"));
    }
    return out.toString();
  }

  /**
   * The store's {@code url}: every node's {@code redis://127.0.0.1:<port>}, comma-separated, so the
   * client can read the slot map from any node that is still up.
   */
  public String url() {
    List<String> urls = new ArrayList<>();
    for (Node n : nodes) {
      urls.add("redis://127.0.0.1:" + n.port);
    }
    return String.join(",", urls);
  }

  /** {@code redis://127.0.0.1:<port>} of the first node alone (a single seed). */
  public String seedUrl() {
    return "redis://127.0.0.1:" + nodes.get(0).port;
  }

  /** The ports of the nodes that are masters now. */
  public List<Integer> masterPorts() {
    List<Integer> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.running() && n.commandOrNull("ROLE").contains("master")) {
        out.add(n.port);
      }
    }
    return out;
  }

  /** The ports of the nodes that are replicas now. */
  public List<Integer> replicaPorts() {
    List<Integer> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.running() && n.commandOrNull("ROLE").equals("slave")) {
        out.add(n.port);
      }
    }
    return out;
  }

  /**
   * Freezes the node on {@code port} (SIGSTOP): it keeps its connections but answers nothing, not
   * even its master's replication stream, until {@link #resume}. Deterministic where {@code DEBUG
   * SLEEP} races with the caller.
   */
  public void pause(int port) {
    signal(port, "-STOP");
  }

  /** Lets a node frozen by {@link #pause} run again (SIGCONT). */
  public void resume(int port) {
    signal(port, "-CONT");
  }

  private void signal(int port, String signal) {
    for (Node n : nodes) {
      if (n.port == port) {
        n.signal(signal);
        return;
      }
    }
    throw new IllegalArgumentException("no node on port " + port);
  }

  /** The port of the node {@link #seedUrl()} names. */
  public int seedPort() {
    return nodes.get(0).port;
  }

  /**
   * Sends one command in the inline protocol to the node on {@code port}: the bulk text, or the
   * first line of the reply without its {@code +}; "" when the node does not answer.
   */
  public String command(int port, String inline) {
    for (Node n : nodes) {
      if (n.port == port) {
        return n.commandOrNull(inline);
      }
    }
    throw new IllegalArgumentException("no node on port " + port);
  }

  /** SIGKILLs the node on {@code port}, as a crash, and waits until its process is gone. */
  public void kill(int port) {
    for (Node n : nodes) {
      if (n.port == port) {
        n.kill();
        return;
      }
    }
    throw new IllegalArgumentException("no node on port " + port);
  }

  /** The configuration of a store over a fresh keyspace of this cluster, with {@code shards}. */
  public JsonObject freshConfig(int shards) {
    return new JsonObject()
        .put("url", url())
        .put("type", "cluster")
        .put(
            "prefix", "c" + ProcessHandle.current().pid() + "-" + KEYSPACES.incrementAndGet() + ":")
        .put("shards", shards)
        .put("timeoutMs", 5000);
  }

  /** A store over a fresh keyspace of the cluster (4 shards, so shards spread over masters). */
  public Future<RedisFileStore> openFreshStore(Vertx vertx) {
    return RedisStoreProvider.open(vertx, RedisStoreConfig.from(freshConfig(4)));
  }

  /** Stops every node by its PID. */
  public synchronized void stop() {
    nodes.forEach(Node::kill);
  }

  private String logs() {
    StringBuilder out = new StringBuilder();
    for (Node n : nodes) {
      out.append("--- node ").append(n.port).append('\n').append(n.log());
    }
    return out.toString();
  }

  private static String findBinary(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    throw new IllegalStateException(
        name
            + " is not on the PATH: run scripts/prereqs/redis.sh"
            + " (it runs apt-get install -y redis-server, which brings redis-cli)");
  }

  /** One cluster node: a redis-server process with its own directory and cluster config file. */
  private static final class Node {
    private final int port;
    private final Path dir;
    private Process process;

    private Node(int port, Path dir) {
      this.port = port;
      this.dir = dir;
    }

    /** {@code busPort}: by default port + 10000, which need not be free or even valid. */
    static Node start(String binary, int port, int busPort) throws IOException {
      Path dir = Files.createTempDirectory("redis-cluster-" + port + "-");
      Node n = new Node(port, dir);
      List<String> cmd =
          List.of(
              binary,
              "--port",
              Integer.toString(port),
              "--bind",
              "127.0.0.1",
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              dir.resolve("nodes.conf").toString(),
              "--cluster-port",
              Integer.toString(busPort),
              "--cluster-node-timeout",
              "2000",
              "--save",
              "",
              "--appendonly",
              "no",
              "--dir",
              dir.toString(),
              "--daemonize",
              "no",
              "--loglevel",
              "warning");
      n.process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!"PONG".equals(n.commandOrNull("PING"))) {
        if (!n.process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("node on port " + port + " did not start:\n" + n.log());
        }
        RedisTestServer.sleep(20);
      }
      return n;
    }

    synchronized boolean running() {
      return process != null && process.isAlive();
    }

    synchronized void kill() {
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

    synchronized void signal(String signal) {
      if (process == null) {
        throw new IllegalStateException("node " + port + " is not running");
      }
      try {
        Process kill =
            new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
          throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot signal node " + port, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** One inline command; the bulk text or first reply line, or "" when the node is down. */
    String commandOrNull(String inline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        String first = readLine(in);
        if (first.startsWith("$") && !first.equals("$-1")) {
          byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
          return new String(bulk, StandardCharsets.UTF_8);
        }
        if (first.startsWith("*")) { // ROLE: the first element names the role
          readLine(in);
          return readLine(in);
        }
        return first.startsWith("+") ? first.substring(1) : first;
      } catch (IOException e) {
        return "";
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

    String log() {
      try {
        return Files.readString(dir.resolve("redis.log"));
      } catch (IOException e) {
        return "(no log)";
      }
    }
  }
}
