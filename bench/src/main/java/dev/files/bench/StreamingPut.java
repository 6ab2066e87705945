package dev.files.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;

/**
 * One PUT of generated content with a Vert.x HTTP client, written in 1 MiB buffers with back
 * pressure (write queue / drain), so the client does not limit what it measures.
 */
final class StreamingPut {
  private static final Set<String> SKIPPED = Set.of("content-length", "host", "connection");

  private StreamingPut() {}

  /** PUTs the content to {@code url} with {@code headers}; fails unless the answer is 2xx. */
  static Future<Void> put(Vertx vertx, String url, JsonObject headers, Content content) {
    HttpClient client = vertx.createHttpClient();
    return client
        .request(new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(url))
        .compose(
            req -> {
              for (String name : headers.fieldNames()) {
                if (!SKIPPED.contains(name.toLowerCase())) {
                  req.putHeader(name, headers.getString(name));
                }
              }
              req.putHeader("Content-Length", Long.toString(content.size()));
              Future<HttpClientResponse> response = req.response();
              Promise<Void> written = Promise.promise();
              req.exceptionHandler(written::tryFail);
              write(req, content, new long[1], written);
              return written
                  .future()
                  .compose(v -> req.end())
                  .compose(v -> response)
                  .compose(r -> r.body().compose(body -> check(r, body)));
            })
        .eventually(client::close);
  }

  private static Future<Void> check(HttpClientResponse r, Buffer body) {
    if (r.statusCode() / 100 == 2) {
      return Future.succeededFuture();
    }
    return Future.failedFuture("PUT answered " + r.statusCode() + ": " + body);
  }

  private static void write(
      HttpClientRequest req, Content content, long[] next, Promise<Void> written) {
    while (!req.writeQueueFull()) {
      if (next[0] >= content.chunks()) {
        written.tryComplete();
        return;
      }
      byte[] buf = new byte[Content.CHUNK];
      int n = content.chunk(next[0]++, buf);
      req.write(Buffer.buffer(n == Content.CHUNK ? buf : Arrays.copyOf(buf, n)));
    }
    req.drainHandler(v -> write(req, content, next, written));
  }
}
