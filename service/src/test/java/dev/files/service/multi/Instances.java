package dev.files.service.multi;

import dev.files.service.CountingActions;
import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestServers;
import dev.files.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * N service instances on the same stores, one data directory and one signing secret (so any
 * instance serves any signed URL), each with its own Vert.x, HTTP port and verticles; their actions
 * come from one {@link CountingActions}, so processing is counted over all of them.
 */
final class Instances implements AutoCloseable {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration WAIT = Duration.ofSeconds(40);

  /** Threads for requests sent at once (the common pool may have a single thread here). */
  static final ExecutorService CALLERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "multi-instance-caller");
            t.setDaemon(true);
            return t;
          });

  final List<FilesServer> servers = new ArrayList<>();
  final List<Http> https = new ArrayList<>();
  final CountingActions actions;

  private Instances(CountingActions actions) {
    this.actions = actions;
  }

  /**
   * Starts {@code n} instances with {@code env} over the defaults of these tests (admin {@code
   * root}, no reconciler timer, a short processing retry delay, local storage in one temporary
   * directory). {@code perInstance} adds variables to instance i (e.g. its syncer consumer name).
   */
  static Instances start(
      int n,
      Map<String, String> env,
      CountingActions actions,
      IntFunction<Map<String, String>> perInstance) {
    Path data;
    try {
      data = Files.createTempDirectory("files-multi");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instances all = new Instances(actions);
    try {
      for (int i = 0; i < n; i++) {
        Map<String, String> e = new HashMap<>();
        e.put("FILES_DATA_DIR", data.toString());
        e.put("FILES_STORAGE_TYPE", "local");
        e.put("FILES_STORAGE_LOCAL_SECRET", "shared-secret-of-the-multi-instance-tests");
        e.put("FILES_AUTH_ADMINS", "root");
        e.put("FILES_PROCESSING_RETRYDELAY", "20ms");
        e.put("FILES_RECONCILE_INTERVAL", "0");
        e.putAll(env);
        e.putAll(perInstance.apply(i));
        FilesServer server =
            TestServers.start(
                FilesServer.builder(TestServers.config(e)).actions(actions.factory()));
        all.servers.add(server);
        all.https.add(new Http(server.baseUrl()));
      }
      return all;
    } catch (RuntimeException | Error e) {
      all.close();
      throw e;
    }
  }

  static Instances start(int n, Map<String, String> env, CountingActions actions) {
    return start(n, env, actions, i -> Map.of());
  }

  int size() {
    return servers.size();
  }

  Http http(int i) {
    return https.get(i % https.size());
  }

  /** The same request to every instance at once; the replies in instance order. */
  List<Http.Reply> everywhere(String path, JsonObject body) {
    List<CompletableFuture<Http.Reply>> all = new ArrayList<>();
    for (Http h : https) {
      all.add(CompletableFuture.supplyAsync(() -> h.post(path, body), CALLERS));
    }
    return all.stream().map(CompletableFuture::join).toList();
  }

  /** Stops instance i (its verticles, stores and Vert.x), as a clean shutdown does. */
  void stop(int i) {
    TestServers.stop(servers.get(i));
  }

  @Override
  public void close() {
    for (FilesServer s : servers) {
      try {
        TestServers.stop(s);
      } catch (AssertionError e) {
        // already stopped by the test
      }
    }
  }

  // ---- the upload API, shared by the tests ----

  static String user() {
    return "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonObject part(String name, byte[] bytes) {
    return new JsonObject()
        .put("type", "original")
        .put("contentType", "application/octet-stream")
        .put("contentLength", bytes.length)
        .put("md5Hash", md5(bytes))
        .put("originalName", name);
  }

  static String md5(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PUTs the whole object to the part's signed location. */
  static int put(JsonObject part, byte[] bytes) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(part.getString("location")))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    part.getJsonObject("headers", new JsonObject())
        .forEach(h -> b.header(h.getKey(), String.valueOf(h.getValue())));
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void await(BooleanSupplier condition, String what) {
    Eventually.until(WAIT, "timed out waiting until " + what, condition);
  }

  static JsonObject ok(Http.Reply reply, String what) {
    if (reply.status() != 200) {
      throw new AssertionError(what + " -> " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }
}
