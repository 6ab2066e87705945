package dev.files.service.http;

import dev.files.service.config.ServiceConfig;
import io.vertx.ext.web.Router;

/**
 * What browsers use beside the actions, each switched by configuration: CORS for other origins
 * ({@code http.corsOrigins}), the API docs ({@code docs.enabled}) and the console ({@code
 * console.enabled}).
 */
public final class BrowserRoutes {
  private BrowserRoutes() {}

  /** Mounts the configured routes; call before the API's own routes. */
  public static void mount(Router router, ServiceConfig config) {
    ApiCors.mount(router, config.list("http.corsOrigins"));
    if (Boolean.TRUE.equals(config.get("docs.enabled"))) {
      ApiDocsRoutes.mount(router);
    }
    if (Boolean.TRUE.equals(config.get("console.enabled"))) {
      ConsoleRoutes.mount(router, config.authMode(), config.httpHost());
    }
  }
}
