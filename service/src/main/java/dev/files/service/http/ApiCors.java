package dev.files.service.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * CORS for the actions ({@code http.corsOrigins}): a browser page of a listed origin may call
 * {@code POST /files/*}; any other origin gets no CORS headers, so the browser refuses the answer.
 * Same-origin pages (the console) need no entry. {@code *} allows every origin.
 */
final class ApiCors {
  private static final String ALLOWED_HEADERS = "Content-Type, Authorization";
  private static final String MAX_AGE_SECONDS = "600";

  private final List<String> origins;

  private ApiCors(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  /** Mounts the CORS handler on the action routes; nothing when no origin is configured. */
  static void mount(Router router, List<String> origins) {
    if (origins.isEmpty()) {
      return;
    }
    router.route("/files/*").handler(new ApiCors(origins)::handle);
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || !(origins.contains("*") || origins.contains(origin))) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    boolean preflight =
        request.method() == HttpMethod.OPTIONS
            && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (!preflight) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
        .setStatusCode(204)
        .end();
  }
}
