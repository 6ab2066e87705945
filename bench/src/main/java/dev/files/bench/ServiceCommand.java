package dev.files.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench service --clients 64}: files.upload then files.info requests against the service jar
 * on the embedded default (SQLite + local storage).
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = "files.upload and files.info requests/s and latency with N concurrent clients.")
final class ServiceCommand implements Callable<Integer> {

  @Option(names = "--clients", defaultValue = "64", description = "concurrent HTTP clients")
  int clients;

  @Option(
      names = "--requests",
      defaultValue = "20000",
      description = "requests per action, at most")
  long requests;

  @Option(names = "--seconds", defaultValue = "60", description = "time per action, at most")
  long seconds;

  @Option(names = "--warmup", defaultValue = "1000", description = "untimed requests per action")
  long warmup;

  @Option(names = "--xmx", defaultValue = "256m", description = "the service JVM's -Xmx")
  String xmx;

  @Option(names = "--root", defaultValue = ".")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("files-bench-service-");
    Vertx vertx = Vertx.vertx();
    try (ServiceProcess service = ServiceProcess.start(root, xmx, work.resolve("data"))) {
      WebClient client =
          WebClient.wrap(
              vertx.createHttpClient(
                  new HttpClientOptions()
                      .setDefaultHost("127.0.0.1")
                      .setDefaultPort(service.port)
                      .setKeepAlive(true),
                  new PoolOptions().setHttp1MaxSize(clients)));
      ResultTable table =
          new ResultTable("Service benchmark, " + clients + " clients")
              .note(Machine.describe())
              .note(setup(service))
              .header("action", "requests", "requests/s", "median ms", "p99 ms", "max ms");
      runPhases(table, vertx, client);
      table.note(
          String.format(
              "Service peak RSS (VmHWM) %.0f MiB, RSS at end %.0f MiB.",
              service.peakRssMib(), service.rssMib()));
      table.publish(results, "service-" + clients + "-clients");
    } finally {
      Async.await(vertx.close(), 60);
      Machine.deleteTree(work);
    }
    return 0;
  }

  /** files.upload, then files.info of the records it created; one row each. */
  private void runPhases(ResultTable table, Vertx vertx, WebClient client) {
    String[] ids = new String[(int) (requests + warmup)];
    Phase up = new Phase(vertx, client, "/files/upload", i -> uploadBody(i), ids);
    up.run(warmup, 0);
    Phase.Result upload = up.run(requests, warmup);
    int created = (int) (warmup + upload.count());
    Phase info =
        new Phase(
            vertx,
            client,
            "/files/info",
            i -> {
              long k = (i * 7919) % created;
              return new JsonObject().put("username", owner(k)).put("uploadId", ids[(int) k]);
            },
            null);
    info.run(warmup, 0);
    Phase.Result read = info.run(requests, 0);
    table.row(upload.row("files.upload"));
    table.row(read.row("files.info"));
  }

  private String setup(ServiceProcess service) {
    return "Service: "
        + service.launcher
        + ", embedded default (SQLite + local storage), fresh data directory, log level WARN. Client: Vert.x WebClient,"
        + " "
        + clients
        + " requests in flight over a pool of "
        + clients
        + " keep-alive connections, at most "
        + requests
        + " requests or "
        + seconds
        + " s per action after "
        + warmup
        + " untimed ones. files.upload: one 1000-byte part, single-PUT URL"
        + " (resumable:false), 50 owners; files.info: the owner reads one of the"
        + " uploaded records.";
  }

  private static String owner(long i) {
    return DataSet.owner((int) (i % DataSet.OWNERS));
  }

  private static JsonObject uploadBody(long i) {
    return new JsonObject()
        .put("username", owner(i))
        .put(
            "files",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "original")
                        .put("contentType", "application/octet-stream")
                        .put("contentLength", 1000)
                        .put("md5Hash", "0123456789abcdef0123456789abcdef")))
        .put("meta", new JsonObject().put("name", "bench upload " + i))
        .put("resumable", false);
  }

  /** One action driven by {@code clients} requests in flight. */
  private final class Phase {
    private final Vertx vertx;
    private final WebClient client;
    private final String path;
    private final LongFunction<JsonObject> body;
    private final String[] ids;

    Phase(Vertx vertx, WebClient client, String path, LongFunction<JsonObject> body, String[] ids) {
      this.vertx = vertx;
      this.client = client;
      this.path = path;
      this.body = body;
      this.ids = ids;
    }

    record Result(long count, double seconds, Stats stats) {
      Object[] row(String action) {
        return new Object[] {
          action,
          count,
          String.format("%.0f", count / seconds),
          Stats.ms(stats.medianMs()),
          Stats.ms(stats.p99Ms()),
          Stats.ms(stats.maxMs())
        };
      }
    }

    /** {@code count} requests numbered from {@code first}. */
    Result run(long count, long first) {
      long[] nanos = new long[(int) count];
      long t0 = System.nanoTime();
      long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
      long done =
          Async.await(
              Async.pump(vertx, count, clients, deadline, i -> call(first + i, i, nanos)),
              seconds + 120);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      return new Result(done, elapsed, new Stats(Arrays.copyOf(nanos, (int) done)));
    }

    private Future<?> call(long n, long slot, long[] nanos) {
      long t = System.nanoTime();
      return client
          .post(path)
          .sendJsonObject(body.apply(n))
          .compose(
              (HttpResponse<Buffer> r) -> {
                nanos[(int) slot] = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                  return Future.failedFuture(
                      path + " answered " + r.statusCode() + ": " + r.bodyAsString());
                }
                if (ids != null) {
                  JsonObject j = r.bodyAsJsonObject();
                  JsonObject file = j.containsKey("file") ? j.getJsonObject("file") : j;
                  ids[(int) n] = file.getString("uploadId");
                }
                return Future.succeededFuture();
              });
    }
  }
}
