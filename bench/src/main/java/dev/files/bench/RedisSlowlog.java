package dev.files.bench;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The longest command redis-server ran, from SLOWLOG: the Redis backend promises that no single
 * call blocks the server for more than a few ms.
 */
final class RedisSlowlog implements AutoCloseable {
  /** The longest logged command: its duration, name and how many commands were logged. */
  record Longest(long micros, String command, long logged) {
    @Override
    public String toString() {
      return String.format("%.2f ms (%s) of %d logged", micros / 1000.0, command, logged);
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

  /** Logs commands slower than {@code micros} (0: every command) and empties the log. */
  void reset(long micros) {
    send(
        Request.cmd(Command.CONFIG)
            .arg("SET")
            .arg("slowlog-log-slower-than")
            .arg(Long.toString(micros)));
    send(Request.cmd(Command.SLOWLOG).arg("RESET"));
  }

  /** The longest command logged since {@link #reset}. */
  Longest longest() {
    Response entries = send(Request.cmd(Command.SLOWLOG).arg("GET").arg("-1"));
    long max = 0;
    String name = "-";
    for (Response e : entries) {
      long micros = e.get(2).toLong();
      if (micros >= max) {
        max = micros;
        name = commandText(e.get(3));
      }
    }
    return new Longest(max, name, entries.size());
  }

  /** The longest command logged since the last reset, then a reset: keeps the log from wrapping. */
  Longest drain() {
    Longest l = longest();
    send(Request.cmd(Command.SLOWLOG).arg("RESET"));
    return l;
  }

  /** The longer of two. */
  static Longest max(Longest a, Longest b) {
    if (a == null) {
      return b;
    }
    return b.micros() > a.micros()
        ? new Longest(b.micros(), b.command(), a.logged() + b.logged())
        : new Longest(a.micros(), a.command(), a.logged() + b.logged());
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

  private static String commandText(Response args) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(args.size(), 3);
    for (int i = 0; i < n; i++) {
      String a = args.get(i).toString();
      b.append(i == 0 ? "" : " ").append(a.length() > 40 ? a.substring(0, 40) + "…" : a);
    }
    return b.toString();
  }

  private Response send(Request r) {
    return Async.await(conn.send(r), 60);
  }

  @Override
  public void close() {
    conn.close();
    client.close();
  }
}
