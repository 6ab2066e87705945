package dev.files.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench upload --size 1g}: one large upload through local storage into the service jar run
 * with a small heap, next to a raw fsync'd write of the same bytes to the same disk.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description =
        "One large PUT through local storage vs. a raw fsync'd write, with the service's RSS.")
final class UploadCommand implements Callable<Integer> {

  private static final int PENDING_GRACE_S = 10;
  private static final String DEFAULT_DIR = "bench/target/upload-work";

  private boolean finishedByClient;

  @Option(names = "--size", defaultValue = "256m", description = "bytes, with k/m/g suffix")
  String size;

  @Option(
      names = "--warmup-size",
      defaultValue = "64m",
      description = "an untimed upload first (JIT warm-up); 0: none")
  String warmupSize;

  private long warmupBytes;

  /** One core's MD5 rate, read before the service starts. */
  private double md5Mbs;

  private final Vertx vertx = Vertx.vertx();

  @Option(names = "--xmx", defaultValue = "256m", description = "the service JVM's -Xmx")
  String xmx;

  @Option(names = "--resumable", description = "use a resumable session (one PUT of everything)")
  boolean resumable;

  @Option(
      names = "--dir",
      defaultValue = DEFAULT_DIR,
      description = "work directory (service data dir and raw write target: the same disk)")
  Path dir;

  @Option(names = "--root", defaultValue = ".")
  Path root;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    // Read before anything runs: the load the measurement started under.
    String machine = Machine.describe();
    long bytes = parseSize(size);
    warmupBytes = parseSize(warmupSize);
    Content content = new Content(bytes, 7);
    String md5 = content.md5()[0];
    md5Mbs = md5RateMbs(bytes);
    Machine.deleteTree(dir);
    Path data = Files.createDirectories(dir.resolve("data"));
    try (ServiceProcess service = ServiceProcess.start(root, xmx, data)) {
      Measures measures = measure(service, content, md5, data.resolve("raw-write.bin"));
      table(machine, service, measures).publish(results, "upload-" + size + "-xmx" + xmx);
    } finally {
      Machine.deleteTree(dir);
      Async.await(vertx.close(), 30);
    }
    return 0;
  }

  /** What one run measured; MB/s unless named otherwise. */
  private record Measures(
      long bytes,
      double putSeconds,
      double rawBefore,
      double rawAfter,
      double sink,
      double rssAfterPut,
      String status,
      double processedSeconds) {

    double uploadMbs() {
      return bytes / 1e6 / putSeconds;
    }

    double raw() {
      return (rawBefore + rawAfter) / 2;
    }

    double ceiling(double md5Mbs) {
      return Math.min(raw(), md5Mbs);
    }
  }

  /** Raw write, warm-up, sink, the timed upload until processed, raw write again. */
  private Measures measure(ServiceProcess service, Content content, String md5, Path rawFile)
      throws Exception {
    double rawBefore = rawWrite(content, rawFile);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    warmUp(http, service);
    double sink = drainServerMbs(http, content);
    JsonObject part = requestUpload(http, service, content.size(), md5);
    long t0 = System.nanoTime();
    put(http, part, content);
    double putSeconds = secondsSince(t0);
    double rssAfterPut = service.peakRssMib();
    String status = awaitProcessed(http, service, part);
    double processedSeconds = secondsSince(t0);
    double rawAfter = rawWrite(content, rawFile);
    return new Measures(
        content.size(),
        putSeconds,
        rawBefore,
        rawAfter,
        sink,
        rssAfterPut,
        status,
        processedSeconds);
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** An untimed upload (and an untimed PUT to the sink) of the warm-up size, if any. */
  private void warmUp(HttpClient http, ServiceProcess service) throws Exception {
    if (warmupBytes <= 0) {
      return;
    }
    Content small = new Content(warmupBytes, 8);
    drainServerMbs(http, small);
    JsonObject warm = requestUpload(http, service, warmupBytes, small.md5()[0]);
    put(http, warm, small);
  }

  /** The final status; calls files.finish if no finalize event got the upload out of pending. */
  private String awaitProcessed(HttpClient http, ServiceProcess service, JsonObject part)
      throws Exception {
    String status =
        awaitStatus(
            http,
            service,
            part,
            PENDING_GRACE_S,
            Set.of("uploaded", "processing", "processed", "failed"));
    if (status.startsWith("pending")) {
      // No finalize notification reached files.finish: call it as a client may (API.md).
      post(
          http,
          service,
          "/files/finish",
          new JsonObject()
              .put("filename", part.getString("filename"))
              .put("bucket", part.getString("bucket")));
      finishedByClient = true;
    }
    return awaitStatus(http, service, part, 600, Set.of("processed", "failed"));
  }

  private ResultTable table(String machine, ServiceProcess service, Measures m) {
    ResultTable table =
        new ResultTable("Upload benchmark, " + size + " through local storage")
            .note(machine)
            .note("Command: `" + command() + "`; load average at the end `" + loadAverage() + "`.")
            .note(setup(service))
            .header("measure", "value")
            .row("bytes", m.bytes())
            .row(
                "upload PUT (request to 200)",
                String.format("%.1f s, %.1f MB/s", m.putSeconds(), m.uploadMbs()))
            .row(
                "raw fsync'd write before / after",
                String.format("%.1f / %.1f MB/s", m.rawBefore(), m.rawAfter()))
            .row(
                "client alone: same PUT to an in-process Vert.x server that drops the bytes",
                String.format("%.1f MB/s", m.sink()))
            .row(
                "one-core MD5: as many bytes hashed by one thread of the bench JVM from one"
                    + " 1 MiB buffer (what the service hashes on the way)",
                String.format("%.1f MB/s", md5Mbs));
    return ratioAndServiceRows(table, service, m);
  }

  private ResultTable ratioAndServiceRows(ResultTable table, ServiceProcess service, Measures m) {
    double ceiling = m.ceiling(md5Mbs);
    return table
        .row(
            "upload / min(raw write, one-core MD5) (target ≥ 80 %)",
            String.format("%.0f %% of %.1f MB/s", 100 * m.uploadMbs() / ceiling, ceiling))
        .row("upload / raw write", String.format("%.0f %%", 100 * m.uploadMbs() / m.raw()))
        .row("service peak RSS (VmHWM) after the PUT", String.format("%.0f MiB", m.rssAfterPut()))
        .row(
            "status after processing, time from PUT start",
            String.format(
                "%s, %.1f s%s",
                m.status(),
                m.processedSeconds(),
                finishedByClient
                    ? " (no finalize event reached files.finish within "
                        + PENDING_GRACE_S
                        + " s; the bench called files.finish)"
                    : ""))
        .row("service peak RSS (VmHWM) at end", String.format("%.0f MiB", service.peakRssMib()));
  }

  private String setup(ServiceProcess service) {
    return "Service: "
        + service.launcher
        + " (SQLite + local storage), data"
        + " directory "
        + dir.resolve("data")
        + ". Upload: files.upload ("
        + (resumable ? "resumable session" : "resumable:false, signed single PUT")
        + "), then one PUT of the whole body from a Vert.x HTTP client (HTTP/1.1,"
        + " 1 MiB buffers with back pressure, generated, incompressible). Raw: the same bytes written"
        + " with a FileChannel in 1 MiB chunks and fsync'd, to the same directory,"
        + " once before and once after the upload (mean). An untimed "
        + warmupSize
        + " upload (and an untimed PUT of that size to the sink) first warms the JITs. MB = 10^6 bytes.";
  }

  private String command() {
    return "./bench/run upload --size "
        + size
        + " --xmx "
        + xmx
        + (resumable ? " --resumable" : "")
        + ("64m".equals(warmupSize) ? "" : " --warmup-size " + warmupSize)
        + (DEFAULT_DIR.equals(dir.toString()) ? "" : " --dir " + dir);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /**
   * One core's MD5 rate: {@code bytes} hashed by one thread from one 1 MiB buffer (no generation,
   * no copying), after a short warm-up of the JIT's MD5 intrinsic.
   */
  private static double md5RateMbs(long bytes) throws Exception {
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
    byte[] buf = new byte[Content.CHUNK];
    new java.util.SplittableRandom(9).nextBytes(buf);
    for (int i = 0; i < 64; i++) {
      md.update(buf);
    }
    md.reset();
    long t0 = System.nanoTime();
    for (long done = 0; done < bytes; done += buf.length) {
      md.update(buf, 0, (int) Math.min(buf.length, bytes - done));
    }
    md.digest();
    return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
  }

  /** The client's own ceiling: the same PUT to a server in this JVM that counts and drops. */
  private double drainServerMbs(HttpClient http, Content content) throws Exception {
    {
      HttpServer server =
          Async.await(
              vertx
                  .createHttpServer()
                  .requestHandler(
                      req -> req.handler(buf -> {}).endHandler(v -> req.response().end()))
                  .listen(0, "127.0.0.1"),
              30);
      JsonObject target =
          new JsonObject()
              .put("location", "http://127.0.0.1:" + server.actualPort() + "/sink")
              .put("headers", new JsonObject());
      long t0 = System.nanoTime();
      put(http, target, content);
      double mbs = content.size() / 1e6 / ((System.nanoTime() - t0) / 1e9);
      Async.await(server.close(), 30);
      return mbs;
    }
  }

  static long parseSize(String s) {
    String t = s.trim().toLowerCase();
    long unit = 1;
    switch (t.charAt(t.length() - 1)) {
      case 'k' -> unit = 1L << 10;
      case 'm' -> unit = 1L << 20;
      case 'g' -> unit = 1L << 30;
      default -> {
        return Long.parseLong(t);
      }
    }
    return Long.parseLong(t.substring(0, t.length() - 1)) * unit;
  }

  /** Writes the content to {@code file} with an fsync at the end; MB/s; deletes the file. */
  private static double rawWrite(Content content, Path file) throws Exception {
    byte[] buf = new byte[Content.CHUNK];
    long t0 = System.nanoTime();
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (long k = 0; k < content.chunks(); k++) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, content.chunk(k, buf));
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.delete(file);
    return content.size() / 1e6 / seconds;
  }

  private JsonObject requestUpload(HttpClient http, ServiceProcess service, long bytes, String md5)
      throws Exception {
    JsonObject body =
        new JsonObject()
            .put("username", "bench")
            .put(
                "files",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "original")
                            .put("contentType", "application/octet-stream")
                            .put("contentLength", bytes)
                            .put("md5Hash", md5)
                            .put("originalName", "big.bin")))
            .put("meta", new JsonObject().put("name", "bench upload " + size))
            .put("resumable", resumable)
            .put("expires", 3600);
    JsonObject record = post(http, service, "/files/upload", body);
    JsonObject part = record.getJsonArray("files").getJsonObject(0);
    return part.put("uploadId", record.getString("uploadId"));
  }

  private static JsonObject post(
      HttpClient http, ServiceProcess service, String path, JsonObject body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private void put(HttpClient http, JsonObject part, Content content) {
    Async.await(
        StreamingPut.put(
            vertx,
            part.getString("location"),
            part.getJsonObject("headers", new JsonObject()),
            content),
        3600);
  }

  /**
   * Polls files.info every 200 ms until the record's status is one of {@code until} or {@code
   * seconds} pass; the last status seen (with "after N s" on timeout).
   */
  private static String awaitStatus(
      HttpClient http, ServiceProcess service, JsonObject part, int seconds, Set<String> until)
      throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String status = "?";
    JsonObject body =
        new JsonObject().put("username", "bench").put("uploadId", part.getString("uploadId"));
    while (System.nanoTime() < deadline) {
      JsonObject file = post(http, service, "/files/info", body).getJsonObject("file");
      status = file.getString("status");
      if (until.contains(status)) {
        return "failed".equals(status) ? status + " (" + file.getString("error") + ")" : status;
      }
      ChildProcess.sleep(200);
    }
    return status + " after " + seconds + " s";
  }
}
