package dev.files.bench;

import dev.files.client.FilesClient;
import dev.files.client.FilesClientOptions;
import dev.files.service.cluster.ClusterOptions;
import dev.files.service.cluster.VertxFactory;
import dev.files.service.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench bus --clients 64}: files.info from this JVM, a member of the service's cluster, over
 * the clustered event bus and over HTTP, one after the other against the same service jar.
 */
@Command(
    name = "bus",
    mixinStandardHelpOptions = true,
    description =
        "files.info requests/s and latency from a separate JVM: clustered event bus against HTTP.")
final class BusCommand implements Callable<Integer> {

  @Option(names = "--clients", defaultValue = "64", description = "requests in flight")
  int clients;

  @Option(
      names = "--requests",
      defaultValue = "20000",
      description = "requests per transport, at most")
  long requests;

  @Option(names = "--seconds", defaultValue = "60", description = "time per transport, at most")
  long seconds;

  @Option(names = "--warmup", defaultValue = "2000", description = "untimed requests per transport")
  long warmup;

  @Option(names = "--rounds", defaultValue = "2", description = "HTTP then bus, this many times")
  int rounds;

  @Option(names = "--records", defaultValue = "1000", description = "records files.info reads")
  int records;

  @Option(names = "--xmx", defaultValue = "256m", description = "the service JVM's -Xmx")
  String xmx;

  @Option(names = "--root", defaultValue = ".")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("files-bench-bus-");
    String cluster = "files-bench-" + UUID.randomUUID();
    int servicePort = ChildProcess.freePort();
    int benchPort = ChildProcess.freePort();
    String members = "127.0.0.1:" + servicePort + ",127.0.0.1:" + benchPort;
    Vertx vertx = null;
    try (ServiceProcess service =
        ServiceProcess.start(
            root, xmx, work.resolve("data"), clusterEnv(cluster, members, servicePort))) {
      vertx = joinCluster(clusterEnv(cluster, members, benchPort));
      FilesClientOptions once =
          new FilesClientOptions().setMaxRetries(0).setMaxConnections(clients);
      FilesClient http = FilesClient.overHttp(vertx, service.url(), once);
      FilesClient bus = FilesClient.overEventBus(vertx, once);
      String[] ids = seed(vertx, http);
      awaitConsumers(vertx, ids[0]);
      ResultTable table =
          new ResultTable(
                  "files.info over the clustered event bus and HTTP, " + clients + " in flight")
              .note(Machine.describe())
              .note(setup(service))
              .header("transport", "requests", "requests/s", "median ms", "p99 ms", "max ms");
      runRounds(table, vertx, ids, List.of(Map.entry("HTTP", http), Map.entry("event bus", bus)));
      table.publish(results, "bus-" + clients + "-clients");
    } finally {
      if (vertx != null) {
        Async.await(vertx.close(), 60);
      }
      Machine.deleteTree(work);
    }
    return 0;
  }

  /** This JVM as a second member of the service's cluster. */
  private static Vertx joinCluster(Map<String, String> env) {
    return Async.await(
        VertxFactory.start(
            ClusterOptions.from(ConfigLoader.load(null, env)), new VertxOptions(), null),
        180);
  }

  /**
   * Alternating rounds, so that neither transport alone gets the colder JIT or a quieter moment of
   * a shared machine.
   */
  private void runRounds(
      ResultTable table,
      Vertx vertx,
      String[] ids,
      List<Map.Entry<String, FilesClient>> transports) {
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, FilesClient> transport : transports) {
        run(vertx, transport.getValue(), ids, warmup);
        Result result = run(vertx, transport.getValue(), ids, requests);
        table.row(result.row(transport.getKey() + ", round " + round));
      }
    }
  }

  private String setup(ServiceProcess service) {
    return "Service: "
        + service.launcher
        + " with cluster.enabled (Hazelcast 5.3, TCP/IP join on loopback, plain TCP"
        + " event bus), embedded default (SQLite + local storage), log level WARN."
        + " Client: this JVM, a second member of the cluster, through files-client"
        + " (FilesClient, no retries): over the event bus (files.info) and over HTTP"
        + " (POST /files/info, "
        + clients
        + " keep-alive connections). Both JVMs share the machine's CPUs. "
        + clients
        + " requests in flight, at most "
        + requests
        + " requests or "
        + seconds
        + " s per transport and round after "
        + warmup
        + " untimed ones, "
        + rounds
        + " rounds of HTTP then event bus; each request reads one of "
        + records
        + " records as its owner.";
  }

  private static Map<String, String> clusterEnv(String name, String members, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("FILES_CLUSTER_ENABLED", "true");
    env.put("FILES_CLUSTER_NAME", name);
    env.put("FILES_CLUSTER_MEMBERS", members);
    env.put("FILES_CLUSTER_HOST", "127.0.0.1");
    env.put("FILES_CLUSTER_PORT", Integer.toString(port));
    env.put("FILES_CLUSTER_JOINWAIT", "1s");
    env.put("FILES_CLUSTER_EVENTBUS_HOST", "127.0.0.1");
    return env;
  }

  /** Creates the records files.info reads, over HTTP. */
  private String[] seed(Vertx vertx, FilesClient http) {
    String[] ids = new String[records];
    long done =
        Async.await(
            Async.pump(
                vertx,
                records,
                Math.min(clients, 16),
                Long.MAX_VALUE,
                i ->
                    http.upload(uploadBody(i))
                        .onSuccess(r -> ids[(int) i] = r.getString("uploadId"))),
            600);
    if (done != records) {
      throw new IllegalStateException("created " + done + " of " + records + " records");
    }
    return ids;
  }

  /** Waits until this member knows the service's consumers (they spread through Hazelcast). */
  private static void awaitConsumers(Vertx vertx, String uploadId) {
    FilesClient patient =
        FilesClient.overEventBus(
            vertx,
            new FilesClientOptions().setMaxRetries(50).setMaxBackoff(Duration.ofMillis(200)));
    Async.await(
        patient.info(new JsonObject().put("username", owner(0)).put("uploadId", uploadId)), 60);
  }

  private record Result(long count, double seconds, Stats stats) {
    Object[] row(String transport) {
      return new Object[] {
        transport,
        count,
        String.format("%.0f", count / seconds),
        Stats.ms(stats.medianMs()),
        Stats.ms(stats.p99Ms()),
        Stats.ms(stats.maxMs())
      };
    }
  }

  private Result run(Vertx vertx, FilesClient client, String[] ids, long count) {
    long[] nanos = new long[(int) count];
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
    long done =
        Async.await(
            Async.pump(
                vertx,
                count,
                clients,
                deadline,
                i -> {
                  long t = System.nanoTime();
                  int k = (int) ((i * 7919) % ids.length);
                  return client
                      .info(new JsonObject().put("username", owner(k)).put("uploadId", ids[k]))
                      .onSuccess(r -> nanos[(int) i] = System.nanoTime() - t)
                      .map(r -> (Object) null);
                }),
            seconds + 120);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new Result(done, elapsed, new Stats(Arrays.copyOf(nanos, (int) done)));
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
        .put("meta", new JsonObject().put("name", "bench record " + i))
        .put("resumable", false);
  }
}
