package dev.files.store.couchdb;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP edge of the CouchDB store: one database, JSON in and out, and the one place where
 * transport failures become {@link FileError}s. A server that cannot be reached (refused, reset,
 * timed out), answers 503, or reports its own timeout ({@code 500 {"error":"timeout"}}) is {@code
 * unavailable}; other 5xx are {@code internal}. Statuses the store gives meaning to (404, 409, 412)
 * are returned as {@link Reply} for the caller to decide.
 */
final class CouchClient {
  private final Vertx vertx;
  private final WebClient client;
  private final URI base;
  private final String root;
  private final String database;
  private final String authorization;
  private final long requestTimeoutMs;

  CouchClient(Vertx vertx, CouchDbStoreConfig config) {
    this.vertx = vertx;
    String url = config.url();
    String database = config.database();
    this.requestTimeoutMs = config.requestTimeoutMs();
    URI uri = URI.create(url.endsWith("/") ? url : url + "/");
    if (uri.getHost() == null || !uri.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("store.couchdb.url must be an http(s) URL: " + url);
    }
    this.base = uri;
    this.root = uri.getScheme() + "://" + uri.getHost() + ":" + portOf(uri) + uri.getRawPath();
    this.database = database;
    String userInfo = uri.getRawUserInfo();
    this.authorization =
        userInfo == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        URLDecoder.decode(userInfo, StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8));
    WebClientOptions options =
        new WebClientOptions()
            .setSsl("https".equals(uri.getScheme()))
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeoutMs()))
            .setKeepAlive(true)
            .setUserAgent("files-store-couchdb");
    this.client =
        WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(config.maxPoolSize()));
  }

  /**
   * Whether a failure is the server's own timeout ({@code 500 {"error":"timeout"}}), after which
   * the work it timed out on (a view or index build) goes on inside the server.
   */
  static boolean isServerTimeout(Throwable failure) {
    return failure != null && failure.getCause() instanceof ServerTimeout;
  }

  /** Completes after {@code ms} milliseconds, on a timer (nothing waits on the event loop). */
  Future<Void> pause(long ms) {
    return vertx.timer(ms).mapEmpty();
  }

  /** A server answer: status and JSON body (an empty object when there is none). */
  record Reply(int status, JsonObject body, Object raw) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** CouchDB's error name ({@code conflict}, {@code not_found}, ...), or null. */
    String error() {
      return body.getString("error");
    }
  }

  String database() {
    return database;
  }

  /** A path inside the database, each segment URL-encoded ({@code _design/x} is kept). */
  static String docPath(String id) {
    if (id.startsWith("_design/")) {
      return "_design/" + encode(id.substring("_design/".length()));
    }
    return encode(id);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query string from name/value pairs; values are JSON-encoded when not plain strings. */
  static String query(Map<String, Object> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      sb.append(sb.length() == 0 ? '?' : '&');
      Object v = e.getValue();
      String text = v instanceof String s ? s : Json.encode(v);
      sb.append(encode(e.getKey())).append('=').append(encode(text));
    }
    return sb.toString();
  }

  /** A request on the database ({@code path} relative to it, "" for the database itself). */
  Future<Reply> db(HttpMethod method, String path, Object body) {
    return db(method, path, body, requestTimeoutMs);
  }

  /** A request on the database that may take up to {@code timeoutMs} (index builds). */
  Future<Reply> db(HttpMethod method, String path, Object body, long timeoutMs) {
    String p = encode(database) + (path.isEmpty() ? "" : "/" + path);
    return server(method, p, body, timeoutMs);
  }

  /** A request on the server ({@code path} relative to its root). */
  Future<Reply> server(HttpMethod method, String path, Object body) {
    return server(method, path, body, requestTimeoutMs);
  }

  private Future<Reply> server(HttpMethod method, String path, Object body, long timeoutMs) {
    HttpRequest<Buffer> req =
        client
            .requestAbs(method, root + path)
            .timeout(timeoutMs)
            .putHeader("Accept", "application/json");
    if (authorization != null) {
      req.putHeader("Authorization", authorization);
    }
    Future<HttpResponse<Buffer>> sent;
    if (body == null) {
      sent = req.send();
    } else {
      req.putHeader("Content-Type", "application/json");
      sent = req.sendBuffer(Buffer.buffer(Json.encode(body)));
    }
    return sent.transform(
        ar -> {
          if (ar.failed()) {
            return Future.failedFuture(
                FileError.unavailable(
                    "CouchDB at "
                        + base.getHost()
                        + ":"
                        + portOf(base)
                        + " cannot be reached: "
                        + ar.cause().getMessage(),
                    ar.cause()));
          }
          return toReply(method, path, ar.result());
        });
  }

  private static int portOf(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
  }

  private static Future<Reply> toReply(HttpMethod method, String path, HttpResponse<Buffer> res) {
    int status = res.statusCode();
    Buffer buf = res.body();
    Object raw;
    try {
      raw = buf == null || buf.length() == 0 ? null : Json.decodeValue(buf);
    } catch (DecodeException e) {
      raw = null;
    }
    JsonObject body = raw instanceof JsonObject j ? j : new JsonObject();
    boolean serverTimeout = status >= 500 && "timeout".equals(body.getString("error"));
    if (status == 503 || serverTimeout) {
      // CouchDB answers its own view/request timeouts with 500 {"error":"timeout"}
      String message =
          "CouchDB is unavailable on " + method + " " + path + ": " + status + " " + body.encode();
      return Future.failedFuture(
          FileError.unavailable(message, serverTimeout ? new ServerTimeout(message) : null));
    }
    if (status >= 500) {
      return Future.failedFuture(
          new FileError(
              ErrorCode.INTERNAL,
              "CouchDB failed on " + method + " " + path + ": " + status + " " + body.encode()));
    }
    if (status == 401 || status == 403) {
      return Future.failedFuture(
          new FileError(
              ErrorCode.INTERNAL,
              "CouchDB refused the store's credentials on " + method + " " + path + ": " + status));
    }
    return Future.succeededFuture(new Reply(status, body, raw));
  }

  /** Fails with {@code internal} unless the reply is a 2xx. */
  static Future<Reply> expectOk(Reply r, String what) {
    if (r.ok()) {
      return Future.succeededFuture(r);
    }
    return Future.failedFuture(
        new FileError(
            ErrorCode.INTERNAL, "CouchDB rejected " + what + ": " + r.status() + " " + r.body()));
  }

  /** The body of a 2xx reply; throws {@code internal} otherwise (inside compose: a failure). */
  static JsonObject okBody(Reply r, String what) {
    if (!r.ok()) {
      throw new FileError(
          ErrorCode.INTERNAL, "CouchDB rejected " + what + ": " + r.status() + " " + r.body());
    }
    return r.body();
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** The cause of an {@code unavailable} that is the server's own timeout. */
  private static final class ServerTimeout extends RuntimeException {
    ServerTimeout(String message) {
      super(message, null, false, false);
    }
  }
}
