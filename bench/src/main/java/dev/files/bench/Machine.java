package dev.files.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the numbers were measured on, and small file helpers. */
final class Machine {
  private Machine() {}

  /** Date, cores, load average, JVM: the machine is shared, so the load is part of the result. */
  static String describe() {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      load = "?";
    }
    return "Measured "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + " on "
        + Runtime.getRuntime().availableProcessors()
        + " cores, load average at start `"
        + load
        + "` (the machine is shared with other engineers' builds: numbers are noisy), Java "
        + System.getProperty("java.version")
        + ", loopback only"
        + pinning()
        + ".";
  }

  /** The CPUs the servers and this JVM were pinned to (bench/run's BENCH_*_CPUS), if any. */
  static String pinning() {
    String server = System.getenv(LocalServer.SERVER_CPUS);
    String client = System.getenv("BENCH_CLIENT_CPUS");
    if (server == null && client == null) {
      return "";
    }
    return "; pinned with taskset: servers to CPU "
        + (server == null ? "any" : server)
        + ", the benchmark JVM to CPU "
        + (client == null ? "any" : client);
  }

  /** 100000 → 100k, 1000000 → 1M. */
  static String size(long n) {
    if (n >= 1_000_000 && n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n >= 1000 && n % 1000 == 0) {
      return n / 1000 + "k";
    }
    return Long.toString(n);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
