package dev.files.e2e;

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
 * A main class of this JVM's classpath run as a child JVM, its output appended to a log file that
 * the test reads. Any {@code FILES_*} variable of this JVM's environment is left out, so that only
 * the test decides the configuration. {@link #kill()} is SIGKILL; a shutdown hook kills the child
 * if the test JVM ends first, so no child outlives its test.
 */
final class ChildJvm implements AutoCloseable {
  /** What Hazelcast asks of the JDK, as {@code files.jar}'s manifest grants it. */
  private static final List<String> HAZELCAST_ACCESS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.management/sun.management=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killOnExit;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killOnExit = new Thread(process::destroyForcibly, name + "-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts {@code mainClass args} in {@code workDir} with {@code env} on top of this one's. */
  static ChildJvm start(
      String name,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path workDir,
      Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.addAll(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(HAZELCAST_ACCESS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("FILES_"));
    pb.environment().putAll(env);
    try {
      return new ChildJvm(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the JVM " + name + ": " + command, e);
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the log has a line matching {@code pattern} and returns its first group (or the
   * whole match); fails when the JVM exits first or after {@code timeout}.
   */
  String awaitLine(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(logText());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + " before logging "
                + pattern
                + ":\n"
                + logTail());
      }
      pause(100);
    }
    throw new IllegalStateException(
        name + " did not log " + pattern + " within " + timeout.toSeconds() + " s:\n" + logTail());
  }

  /** SIGKILL (on Linux {@code destroyForcibly} is {@code kill -9}); returns the exit status. */
  int kill() {
    process.destroyForcibly();
    return awaitExit(Duration.ofSeconds(30));
  }

  /** Waits for the JVM to end by itself; its exit status, or a failure after {@code timeout}. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name + " still runs after " + timeout.toSeconds() + " s:\n" + logTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines logged, for failure messages. */
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
      kill();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }
}
