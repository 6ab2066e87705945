package dev.files.bench;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.TreeMap;

/**
 * The longest command redis-server ran, from SLOWLOG: the Redis backend promises that no single
 * call blocks the server for more than a few ms.
 */
final class RedisSlowlog implements AutoCloseable {
  /**
   * The longest logged command, the longest of each command name (a millisecond-long GET shows the
   * machine's scheduling noise, not work) and how many commands were logged.
   */
  record Longest(long micros, String command, Map<String, Long> perName, long logged) {
    static final Longest NONE = new Longest(0, "-", Map.of(), 0);

    /** This and {@code other} together. */
    Longest plus(Longest other) {
      Map<String, Long> names = new TreeMap<>(perName);
      other.perName.forEach((k, v) -> names.merge(k, v, Math::max));
      boolean mine = micros >= other.micros;
      return new Longest(
          mine ? micros : other.micros,
          mine ? command : other.command,
          names,
          logged + other.logged);
    }

    @Override
    public String toString() {
      StringBuilder b =
          new StringBuilder(
              String.format("%.2f ms (%s) of %d logged", micros / 1000.0, command, logged));
      if (!perName.isEmpty()) {
        b.append("; longest per command:");
        perName.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(
                e -> b.append(String.format(" %s %.2f ms,", e.getKey(), e.getValue() / 1000.0)));
        b.setLength(b.length() - 1);
      }
      return b.toString();
    }
  }

  private final Redis client;
  private final RedisConnection conn;

  private RedisSlowlog(Redis client, RedisConnection conn) {
    this.client = client;
    this.conn = conn;
  }

  static RedisSlowlog connect(Vertx vertx, String url) {
    Redis client = Redis.createClient(vertx, url);
    return new RedisSlowlog(client, Async.await(client.connect(), 30));
  }

  /**
   * Logs commands slower than {@code micros} (0: every command), empties the log and resets the
   * server's statistics (the per-command latency percentiles of {@link #latencies}).
   */
  void reset(long micros) {
    send(
        Request.cmd(Command.CONFIG)
            .arg("SET")
            .arg("slowlog-log-slower-than")
            .arg(Long.toString(micros)));
    send(Request.cmd(Command.SLOWLOG).arg("RESET"));
    send(Request.cmd(Command.CONFIG).arg("RESETSTAT"));
  }

  /**
   * Drains the log every {@code periodMs} on a thread of its own until the returned handle is
   * closed, so that a long phase (a load of a million records) cannot wrap the log and lose its
   * longest entry.
   */
  Drainer drainEvery(long periodMs) {
    return new Drainer(periodMs);
  }

  /** A background drain; {@link #close} stops it and {@link #longest} is what it saw. */
  final class Drainer implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private Longest longest = Longest.NONE;

    private Drainer(long periodMs) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  try {
                    Thread.sleep(periodMs);
                  } catch (InterruptedException e) {
                    return;
                  }
                  longest = longest.plus(drain());
                }
              },
              "slowlog-drain");
      thread.setDaemon(true);
      thread.start();
    }

    /** The longest command seen, the remaining log included. */
    Longest longest() {
      return longest;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      longest = longest.plus(drain());
    }
  }

  /**
   * The server's latency percentiles (INFO latencystats, Redis 7+) of the given commands since the
   * last {@link #reset}: {@code evalsha p50=…, p99=…, p99.9=… µs}.
   */
  String latencies(String... commands) {
    String info = send(Request.cmd(Command.INFO).arg("latencystats")).toString();
    StringBuilder b = new StringBuilder();
    for (String command : commands) {
      String prefix = "latency_percentiles_usec_" + command + ":";
      for (String line : info.split("\r?\n")) {
        if (line.startsWith(prefix)) {
          b.append(b.length() == 0 ? "" : "; ")
              .append(command)
              .append(' ')
              .append(line.substring(prefix.length()).replace(",", ", "))
              .append(" µs");
        }
      }
    }
    return b.length() == 0 ? "-" : b.toString();
  }

  /** The longest command logged since {@link #reset}. */
  Longest longest() {
    Response entries = send(Request.cmd(Command.SLOWLOG).arg("GET").arg("-1"));
    long max = 0;
    String name = "-";
    Map<String, Long> perName = new TreeMap<>();
    for (Response e : entries) {
      if (ownCommand(e.get(3))) {
        continue;
      }
      long micros = e.get(2).toLong();
      perName.merge(e.get(3).get(0).toString().toLowerCase(), micros, Math::max);
      if (micros >= max) {
        max = micros;
        name = commandText(e.get(3));
      }
    }
    return new Longest(max, name, perName, entries.size());
  }

  /** The longest command logged since the last reset, then a reset: keeps the log from wrapping. */
  Longest drain() {
    Longest l = longest();
    send(Request.cmd(Command.SLOWLOG).arg("RESET"));
    return l;
  }

  /** used_memory_human from INFO memory. */
  String usedMemory() {
    String info = send(Request.cmd(Command.INFO).arg("memory")).toString();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory_human:")) {
        return line.substring("used_memory_human:".length()).trim();
      }
    }
    return "?";
  }

  /** SLOWLOG and CONFIG are the benchmark's own calls (a RESET of a full log takes long). */
  private static boolean ownCommand(Response args) {
    String name = args.size() == 0 ? "" : args.get(0).toString().toLowerCase();
    return name.equals("slowlog") || name.equals("config");
  }

  private static String commandText(Response args) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(args.size(), 3);
    for (int i = 0; i < n; i++) {
      String a = args.get(i).toString();
      b.append(i == 0 ? "" : " ").append(a.length() > 40 ? a.substring(0, 40) + "…" : a);
    }
    return b.toString();
  }

  private synchronized Response send(Request r) {
    return Async.await(conn.send(r), 60);
  }

  @Override
  public void close() {
    conn.close();
    client.close();
  }
}
