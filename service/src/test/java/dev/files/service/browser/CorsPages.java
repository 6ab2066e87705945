package dev.files.service.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A page of another origin that calls the API from the browser and puts the outcome in its title:
 * {@code done: <status>} when the browser let the page read the answer, {@code done: refused} when
 * CORS refused it.
 */
final class CorsPages {
  private static final String PAGE =
      """
      <!doctype html><html><head><title>calling</title></head><body><script>
      fetch("%s/files/list", {method: "POST", headers: {"Content-Type": "application/json"},
                              body: JSON.stringify({username: "cors"})})
        .then(r => { document.title = "done: " + r.status; },
              () => { document.title = "done: refused"; });
      </script></body></html>
      """;

  private CorsPages() {}

  static Future<HttpServer> listen(Vertx vertx, String apiBase) {
    String page = PAGE.formatted(apiBase);
    return vertx
        .createHttpServer()
        .requestHandler(
            req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page))
        .listen(0, "127.0.0.1");
  }
}
