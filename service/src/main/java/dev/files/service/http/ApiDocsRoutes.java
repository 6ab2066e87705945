package dev.files.service.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Interactive API docs at {@code /docs/}: Swagger UI from its webjar, pointed at the served {@code
 * /openapi.yaml}. The page itself is ours (the webjar's index points at a demo document).
 */
final class ApiDocsRoutes {
  static final String PATH = "/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>files API</title>
        <link rel="stylesheet" href="swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({url: "../openapi.yaml", dom_id: "#swagger-ui",
                                       deepLinking: true});
        </script>
      </body>
      </html>
      """;

  private ApiDocsRoutes() {}

  static void mount(Router router) {
    router.get(PATH).handler(ctx -> SlashRedirect.toDirectory(ctx, PATH));
    router
        .get(PATH + "/")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .end(PAGE));
    router.get(PATH + "/*").handler(StaticHandler.create(WEBJAR + webjarVersion()));
  }

  /** The version of the swagger-ui webjar on the class path (its files sit under it). */
  static String webjarVersion() {
    try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the class path");
      }
      Properties pom = new Properties();
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
