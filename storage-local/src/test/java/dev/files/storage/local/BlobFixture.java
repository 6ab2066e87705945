package dev.files.storage.local;

import static dev.files.testing.Await.await;

import dev.files.blob.ObjectFinalized;
import dev.files.blob.UploadRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real HTTP server on a free port with the /blobs routes of a storage in a temporary directory, a
 * client, and the finalize events the storage sent.
 */
final class BlobFixture implements AutoCloseable {
  static final String BUCKET = "files";
  static final String ORIGIN = "https://app.example";

  final Vertx vertx;
  final Path dataDir;
  final LocalBlobStorage storage;
  final TestClock clock;
  final HttpClient client;
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final Context clientContext;

  private BlobFixture(
      Vertx vertx,
      Path dataDir,
      LocalBlobStorage storage,
      TestClock clock,
      HttpServer server,
      HttpClient client) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.storage = storage;
    this.clock = clock;
    this.server = server;
    this.client = client;
    this.clientContext = vertx.getOrCreateContext();
  }

  static BlobFixture start(Path dataDir) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    LocalBlobOptions options =
        new LocalBlobOptions()
            .setDataDir(dataDir)
            .setPublicBaseUrl("http://127.0.0.1:" + server.actualPort())
            .setCorsOrigins(List.of(ORIGIN));
    TestClock clock = new TestClock();
    LocalBlobStorage storage = await(LocalBlobStorage.create(vertx, options, clock));
    LocalBlobRoutes routes = new LocalBlobRoutes(storage);
    router.route(LocalBlobRoutes.PREFIX + "*").handler(ctx -> routes.handle(ctx.request()));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    BlobFixture fixture = new BlobFixture(vertx, dataDir, storage, clock, server, client);
    vertx
        .eventBus()
        .<JsonObject>consumer(ObjectFinalized.ADDRESS)
        .handler(
            message -> {
              fixture.events.add(message.body());
              message.reply(new JsonObject().put("ok", true));
            });
    return fixture;
  }

  /** The events raised for one object. */
  List<JsonObject> eventsFor(String object) {
    return events.stream().filter(e -> object.equals(e.getString("filename"))).toList();
  }

  Response send(HttpMethod method, String url, Map<String, String> headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url);
    headers.forEach(options::putHeader);
    return onClientContext(
        () ->
            client
                .request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(
                    resp ->
                        resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b))));
  }

  /**
   * Runs client work on one event-loop context and waits for it. Calling the client from the test
   * thread instead lets {@code response.body()} race with the end of the response (vert.x #6038,
   * fixed after 5.0.10): the future could then never complete.
   */
  <T> T onClientContext(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    clientContext.runOnContext(v -> work.get().onComplete(promise));
    return await(promise.future());
  }

  Response get(String url, Map<String, String> headers) {
    return send(HttpMethod.GET, url, headers, null);
  }

  static UploadRequest upload(String object, byte[] bytes, boolean resumable) {
    return new UploadRequest(
        BUCKET, object, "image/png", bytes.length, md5(bytes), resumable, 900, ORIGIN, false);
  }

  static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  /** Waits until {@code count} events arrived for the object (they are sent after the 200). */
  List<JsonObject> awaitEvents(String object, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (eventsFor(object).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // A short grace period would reveal a duplicate.
    Thread.sleep(50);
    return eventsFor(object);
  }

  @Override
  public void close() {
    await(client.close());
    await(server.close());
    await(vertx.close());
  }

  record Response(int status, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }

    String errorReason() {
      return json().getJsonObject("error").getJsonArray("details").getString(0);
    }
  }
}
