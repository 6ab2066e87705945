package dev.files.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The built service jar ({@code service/target/files.jar serve}) as a child JVM on a free loopback
 * port with its own data directory: the embedded default (SQLite + local storage).
 */
final class ServiceProcess implements AutoCloseable {
  final int port;
  final Path dataDir;

  /** How the service was started, for the results. */
  final String launcher;

  private final ChildProcess process;

  private ServiceProcess(int port, Path dataDir, String launcher, ChildProcess process) {
    this.port = port;
    this.dataDir = dataDir;
    this.launcher = launcher;
    this.process = process;
  }

  /** Starts {@code java -Xmx<xmx> -jar service/target/files.jar serve}. */
  static ServiceProcess start(Path root, String xmx, Path dataDir) throws Exception {
    return start(root, xmx, dataDir, Map.of());
  }

  /** Starts the service jar with {@code extraEnv} added to its environment. */
  static ServiceProcess start(Path root, String xmx, Path dataDir, Map<String, String> extraEnv)
      throws Exception {
    Path jar = root.resolve("service/target/files.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: bench/run builds it");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Machine.deleteTree(dataDir);
    Files.createDirectories(dataDir);
    int port = ChildProcess.freePort();
    ChildProcess p =
        ChildProcess.start(
            "files-service",
            List.of(java, "-Xmx" + xmx, "-jar", jar.toString(), "serve"),
            environment(port, dataDir, extraEnv),
            dataDir.getParent());
    try {
      p.awaitHttp("http://127.0.0.1:" + port + "/health", 180);
    } catch (IllegalStateException e) {
      p.close();
      throw e;
    }
    String launcher = "`java -Xmx" + xmx + " -jar service/target/files.jar serve`";
    return new ServiceProcess(port, dataDir, launcher, p);
  }

  private static Map<String, String> environment(
      int port, Path dataDir, Map<String, String> extraEnv) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("FILES_HTTP_PORT", Integer.toString(port));
    env.put("FILES_HTTP_HOST", "127.0.0.1");
    env.put("FILES_DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("FILES_LOG_LEVEL", "WARN");
    env.putAll(extraEnv);
    return env;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** Peak resident set (VmHWM) in MiB. */
  double peakRssMib() {
    return process.peakRssKib() / 1024.0;
  }

  /** Current resident set (VmRSS) in MiB. */
  double rssMib() {
    return ChildProcess.procStatusKib(process.pid(), "VmRSS:") / 1024.0;
  }

  @Override
  public void close() {
    process.close();
  }
}
