package dev.files.service.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a child JVM ({@code dev.files.service.Main serve} on this test JVM's classpath),
 * bound to a free loopback port ({@code http.port=0}; the URL is read from its {@code files is
 * serving at} log line, so no port is picked ahead and raced for), logging to a file. {@link
 * #kill()} is SIGKILL. A shutdown hook kills the child if the test JVM ends first, so no service
 * JVM outlives its test.
 */
final class ServiceChild implements AutoCloseable {
  private static final String MAIN_CLASS = "dev.files.service.Main";
  private static final Pattern SERVING = Pattern.compile("files is serving at (http://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final Thread killOnExit;
  private String baseUrl;

  private ServiceChild(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.killOnExit = new Thread(process::destroyForcibly, "service-child-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts {@code files serve} with {@code env} (on top of a free loopback port and the data
   * directory) and waits until it serves. Any {@code FILES_*} variable of this JVM's environment is
   * left out so that only the test decides the configuration.
   */
  static ServiceChild start(Path dataDir, Map<String, String> env, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.addAll(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(MAIN_CLASS, "serve"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dataDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("FILES_"));
    pb.environment().put("FILES_HTTP_HOST", "127.0.0.1");
    pb.environment().put("FILES_HTTP_PORT", "0");
    pb.environment().put("FILES_DATA_DIR", dataDir.toAbsolutePath().toString());
    pb.environment().putAll(env);
    ServiceChild child;
    try {
      child = new ServiceChild(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the service JVM: " + command, e);
    }
    try {
      child.baseUrl = child.awaitServing();
    } catch (RuntimeException | Error e) {
      child.close();
      throw e;
    }
    return child;
  }

  /** {@code http://127.0.0.1:<port>}, as the service logged it. */
  String baseUrl() {
    return baseUrl;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL (on Linux {@code destroyForcibly} is {@code kill -9}); returns the exit status. */
  int kill() {
    process.destroyForcibly();
    return awaitExit();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("service JVM " + pid() + " outlived SIGKILL by 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  private String awaitServing() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(logText());
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service JVM exited at start with " + process.exitValue() + ":\n" + logTail());
      }
      pause(100);
    }
    throw new IllegalStateException(
        "the service JVM did not serve within " + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines the service logged, for failure messages. */
  String logTail() {
    List<String> lines = logText().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }
}
