package dev.files.e2e;

import dev.files.client.FilesClient;
import dev.files.client.FilesClientOptions;
import dev.files.client.UploadProgress;
import dev.files.client.Uploader;
import dev.files.client.UploaderOptions;
import dev.files.error.Retry;
import dev.files.service.cluster.ClusterOptions;
import dev.files.service.cluster.VertxFactory;
import dev.files.service.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client JVM of the end-to-end test: joins the service's cluster as a plain clustered Vert.x
 * (the {@code FILES_CLUSTER_*} variables), then runs the uploads with {@code files-client}, a
 * number of them in flight at once, half over the clustered event bus and half over HTTP to the
 * instances in turn. Each upload is the {@link Uploader}'s whole upload (files.upload, the bytes in
 * a resumable session through the storage URL, files.info until processed). An acknowledged upload
 * whose wait failed is followed up with files.info over the other routes until it is processed;
 * files.upload itself is never repeated. Writes the {@link ClientTally} as JSON and prints {@code
 * settled <n>} as uploads end, which the test reads to time its SIGKILL.
 *
 * <p>Arguments, {@code key=value}: {@code owner}, {@code uploads}, {@code inFlight}, {@code http}
 * (the instances' base URLs, comma-separated), {@code tally} (the file to write), {@code scratch}
 * (a directory for the bytes to upload), {@code seed}.
 */
public final class LoadClient {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  static final Duration FOLLOW_UP_LIMIT = Duration.ofSeconds(90);
  static final int MIN_SIZE = 1024;
  static final int MAX_SIZE = 8 * 1024;

  private final Vertx vertx;
  private final Routes routes;
  private final Map<FilesClient, Uploader> uploaders = new IdentityHashMap<>();
  private final ClientTally tally = new ClientTally();
  private final String owner;
  private final int uploads;
  private final long seed;
  private final Path scratch;
  private final AtomicInteger next = new AtomicInteger();

  private LoadClient(Vertx vertx, Routes routes, Map<String, String> args, Path scratch) {
    this.vertx = vertx;
    this.routes = routes;
    this.owner = args.get("owner");
    this.uploads = Integer.parseInt(args.get("uploads"));
    this.seed = Long.parseLong(args.get("seed"));
    this.scratch = scratch;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parse(argv);
    ClusterOptions cluster = ClusterOptions.from(ConfigLoader.load(null, System.getenv()));
    Vertx vertx =
        VertxFactory.start(cluster, new VertxOptions(), null)
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    System.out.println("client joined the cluster");
    FilesClientOptions options = new FilesClientOptions().setTimeout(CALL_TIMEOUT);
    List<FilesClient> http = new ArrayList<>();
    for (String url : args.get("http").split(",")) {
      http.add(FilesClient.overHttp(vertx, url, options));
    }
    Routes routes = new Routes(FilesClient.overEventBus(vertx, options), http);
    LoadClient client =
        new LoadClient(vertx, routes, args, Files.createDirectories(Path.of(args.get("scratch"))));
    client.awaitBusServes();
    JsonObject tally =
        client
            .run(Integer.parseInt(args.get("inFlight")))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.MINUTES);
    Path file = Path.of(args.get("tally"));
    Path written =
        Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), tally.encodePrettily());
    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("tally written");
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.exit(0);
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return args;
  }

  /** Subscriptions reach a new member shortly after it joined: files.report until one answers. */
  private void awaitBusServes() throws Exception {
    JsonObject report = new JsonObject().put("username", owner);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        routes.bus().client().report(report).toCompletionStage().toCompletableFuture().get();
        return;
      } catch (ExecutionException e) {
        if (!Retry.isTransient(e.getCause()) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** Runs every upload, {@code inFlight} at a time; completes with the tally. */
  private Future<JsonObject> run(int inFlight) {
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      lanes.add(lane());
    }
    return Future.all(lanes).map(v -> tally.toJson());
  }

  private Future<Void> lane() {
    int index = next.getAndIncrement();
    if (index >= uploads) {
      return Future.succeededFuture();
    }
    return upload(index)
        .map(
            entry -> {
              tally.settled(entry);
              System.out.println("settled " + tally.settledCount());
              return (Void) null;
            })
        .compose(v -> lane());
  }

  /** One whole upload; completes with its tally entry (never fails). */
  private Future<JsonObject> upload(int index) {
    tally.attempted();
    Routes.Route route = routes.forUpload(index);
    byte[] bytes = bytes(index);
    JsonObject entry =
        new JsonObject()
            .put("index", index)
            .put("route", route.name())
            .put("contentLength", bytes.length);
    AtomicReference<String> uploadId = new AtomicReference<>();
    AtomicReference<UploadProgress.Phase> phase = new AtomicReference<>();
    return open(index, bytes)
        .compose(
            file ->
                uploader(route.client())
                    .upload(
                        request(index, bytes),
                        List.of(file),
                        p -> {
                          uploadId.compareAndSet(null, p.uploadId());
                          phase.set(p.phase());
                          if (p.phase() == UploadProgress.Phase.RESUMING) {
                            entry.put("resumed", true);
                          }
                        })
                    .eventually(file::close))
        .map(record -> processed(entry, record))
        .recover(
            failure -> {
              String id = uploadId.get();
              tally.error(step(id, phase.get()), failure);
              entry.put("error", failure.getMessage());
              if (Retry.isTransient(failure)) {
                routes.failedTransiently(route);
              }
              if (id == null) {
                return Future.succeededFuture(entry.put("outcome", ClientTally.NOT_ACKNOWLEDGED));
              }
              // Acknowledged: the record exists, so it is read again (elsewhere) until processed.
              entry.put("uploadId", id);
              tally.readRetried();
              long deadline = System.nanoTime() + FOLLOW_UP_LIMIT.toNanos();
              return followUp(entry, id, deadline);
            });
  }

  private static String step(String uploadId, UploadProgress.Phase phase) {
    if (uploadId == null) {
      return "files.upload";
    }
    return phase == UploadProgress.Phase.WAITING ? "files.info" : "put";
  }

  /** files.info over the other routes in turn until the upload is processed, or gives up. */
  private Future<JsonObject> followUp(JsonObject entry, String uploadId, long deadline) {
    Routes.Route route = routes.forRetry();
    JsonObject info = new JsonObject().put("username", owner).put("uploadId", uploadId);
    return route
        .client()
        .info(info)
        .compose(
            reply -> {
              JsonObject file = reply.getJsonObject("file");
              String status = file.getString("status");
              if (ClientTally.PROCESSED.equals(status)) {
                return Future.succeededFuture(processed(entry, file));
              }
              if ("failed".equals(status) || System.nanoTime() > deadline) {
                return Future.succeededFuture(
                    entry.put("outcome", ClientTally.FAILED).put("status", status));
              }
              return vertx.timer(250).compose(t -> followUp(entry, uploadId, deadline));
            },
            failure -> {
              tally.error("files.info", failure);
              if (!Retry.isTransient(failure) || System.nanoTime() > deadline) {
                return Future.succeededFuture(
                    entry.put("outcome", ClientTally.FAILED).put("error", failure.getMessage()));
              }
              routes.failedTransiently(route);
              tally.readRetried();
              return vertx.timer(250).compose(t -> followUp(entry, uploadId, deadline));
            });
  }

  private static JsonObject processed(JsonObject entry, JsonObject file) {
    return entry
        .put("outcome", ClientTally.PROCESSED)
        .put("uploadId", file.getString("uploadId"))
        .put("version", file.getLong("version"))
        .put("processedAt", file.getValue("processedAt"));
  }

  private Uploader uploader(FilesClient client) {
    synchronized (uploaders) {
      return uploaders.computeIfAbsent(
          client,
          c ->
              Uploader.create(
                  vertx,
                  c,
                  new UploaderOptions()
                      .setIdleTimeout(CALL_TIMEOUT)
                      .setPollInterval(Duration.ofMillis(100))
                      .setMaxPollInterval(Duration.ofSeconds(1))
                      .setProcessingTimeout(FOLLOW_UP_LIMIT)));
    }
  }

  private Future<AsyncFile> open(int index, byte[] bytes) {
    String path = scratch.resolve(index + ".bin").toString();
    return vertx
        .fileSystem()
        .writeFile(path, Buffer.buffer(bytes))
        .compose(v -> vertx.fileSystem().open(path, new OpenOptions().setRead(true)));
  }

  private byte[] bytes(int index) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    byte[] bytes = new byte[random.nextInt(MIN_SIZE, MAX_SIZE + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  private JsonObject request(int index, byte[] bytes) {
    return new JsonObject()
        .put("username", owner)
        .put("resumable", true)
        .put(
            "files",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "original")
                        .put("contentType", "application/octet-stream")
                        .put("contentLength", bytes.length)
                        .put("md5Hash", md5(bytes))
                        .put("originalName", "e2e-" + index + ".bin")))
        .put("meta", new JsonObject().put("name", "e2e " + index));
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
