package dev.files.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of six {@code redis-server} nodes on free loopback ports (no persistence, each
 * with a free cluster-bus port), joined by {@code redis-cli --cluster create --cluster-replicas 1}
 * into 3 masters with one replica each; ready when every node says {@code cluster_state:ok} and
 * every replica has synced.
 */
final class LocalRedisCluster implements AutoCloseable {
  private static final int NODES = 6;
  private final List<LocalServer> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  static LocalRedisCluster start(Path dir) {
    LocalRedisCluster c = new LocalRedisCluster();
    try {
      for (int i = 0; i < NODES; i++) {
        Path nodeDir = dir.resolve("node" + i);
        LocalServer node =
            LocalServer.redis(
                nodeDir,
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    nodeDir.resolve("nodes.conf").toString(),
                    "--cluster-port",
                    Integer.toString(ChildProcess.freePort()),
                    "--cluster-node-timeout",
                    "5000"));
        c.nodes.add(node);
        c.ports.add(Integer.parseInt(node.url().substring(node.url().lastIndexOf(':') + 1)));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      c.ports.forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      String out = run(create);
      if (!out.contains("[OK] All 16384 slots covered")) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
      }
      c.awaitReady();
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Every node's URL, comma-separated: the store's {@code url} for {@code type: cluster}. */
  String url() {
    List<String> urls = new ArrayList<>();
    ports.forEach(p -> urls.add("redis://127.0.0.1:" + p));
    return String.join(",", urls);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!ready()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster did not become ready within 60 s");
      }
      ChildProcess.sleep(200);
    }
  }

  private boolean ready() {
    for (int port : ports) {
      String p = Integer.toString(port);
      if (!run(List.of("redis-cli", "-p", p, "cluster", "info")).contains("cluster_state:ok")) {
        return false;
      }
      String replication = run(List.of("redis-cli", "-p", p, "info", "replication"));
      if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
        return false;
      }
    }
    return true;
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("no end within 60 s: " + command);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(LocalServer::close);
  }
}
