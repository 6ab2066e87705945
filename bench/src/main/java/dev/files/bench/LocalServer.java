package dev.files.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server the benchmarks start on a free loopback port and stop by process: redis-server without
 * persistence, or pouchdb-server in memory. The one place that knows their command lines.
 *
 * @param process the running server
 * @param url where clients reach it
 */
record LocalServer(ChildProcess process, String url) implements AutoCloseable {
  /**
   * Environment variable: CPUs (a taskset list, e.g. {@code 1}) to pin the servers to, so that the
   * benchmark's own threads never preempt them and SLOWLOG times show the server's work alone.
   */
  static final String SERVER_CPUS = "BENCH_SERVER_CPUS";

  /** {@code command}, run under {@code taskset -c <cpus>} when {@link #SERVER_CPUS} is set. */
  private static List<String> pinned(List<String> command) {
    String cpus = System.getenv(SERVER_CPUS);
    if (cpus == null || cpus.isBlank()) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("taskset", "-c", cpus.trim()));
    out.addAll(command);
    return out;
  }

  /** redis-server with no persistence in {@code dir}; {@code extraArgs} are appended. */
  static LocalServer redis(Path dir, List<String> extraArgs) {
    int port = ChildProcess.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
    command.addAll(extraArgs);
    ChildProcess server =
        ChildProcess.start("redis-server", pinned(command), Map.of(), dir).awaitPort(port, 30);
    return new LocalServer(server, "redis://127.0.0.1:" + port);
  }

  /** pouchdb-server in memory from {@code root}'s tools folder, its config file in {@code dir}. */
  static LocalServer pouchdb(Path root, Path dir) {
    Path exe = root.resolve("tools/pouchdb/node_modules/.bin/pouchdb-server").toAbsolutePath();
    if (!Files.isExecutable(exe)) {
      throw new IllegalStateException(exe + " is missing: run scripts/prereqs/pouchdb.sh");
    }
    int port = ChildProcess.freePort();
    String url = "http://127.0.0.1:" + port;
    ChildProcess server =
        ChildProcess.start(
                "pouchdb-server",
                pinned(
                    List.of(
                        exe.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--in-memory",
                        "--no-stdout-logs",
                        "--config",
                        dir.resolve("config.json").toString())),
                // in memory, 100k records with their views outgrow node's default heap
                Map.of("NODE_OPTIONS", "--max-old-space-size=8192"),
                dir)
            .awaitHttp(url + "/", 60);
    return new LocalServer(server, url);
  }

  @Override
  public void close() {
    process.close();
  }
}
