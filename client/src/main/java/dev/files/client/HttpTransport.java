package dev.files.client;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** {@code POST <baseUrl>/files/<action with dots as slashes>} with the Vert.x WebClient. */
final class HttpTransport implements Transport {
  private static final String PREFIX = "files.";

  private final WebClient web;
  private final String baseUrl;
  private final String bearerToken;

  HttpTransport(WebClient web, String baseUrl, String bearerToken) {
    this.web = web;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.bearerToken = bearerToken;
  }

  /** The path of an action: {@code files.tag.add} is {@code /files/tag/add}. */
  static String path(String action) {
    if (!action.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a files action: " + action);
    }
    return "/files/" + action.substring(PREFIX.length()).replace('.', '/');
  }

  @Override
  public Future<JsonObject> send(String action, JsonObject body, Duration timeout) {
    HttpRequest<?> request = web.postAbs(baseUrl + path(action)).timeout(timeout.toMillis());
    if (bearerToken != null) {
      request.bearerTokenAuthentication(bearerToken);
    }
    return request
        .sendJsonObject(body)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof TimeoutException
                        ? Failures.timedOut(action, timeout, e)
                        : Failures.unreachable(action, e)))
        .compose(response -> reply(action, response));
  }

  private static Future<JsonObject> reply(String action, HttpResponse<?> response) {
    if (response.statusCode() != 200) {
      return Future.failedFuture(
          Failures.fromReply(response.statusCode(), response.bodyAsString()));
    }
    try {
      return Future.succeededFuture(response.bodyAsJsonObject());
    } catch (DecodeException e) {
      return Future.failedFuture(
          FileError.of(new IllegalStateException(action + " answered 200 without JSON", e)));
    }
  }

  @Override
  public Future<Void> close() {
    web.close();
    return Future.succeededFuture();
  }
}
