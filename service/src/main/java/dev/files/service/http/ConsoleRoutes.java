package dev.files.service.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;

/**
 * The browser console at {@code /console/}: static files shipped in the jar, plus {@code
 * /console/settings.json} telling the page how to sign in. Typing a username (trusted sign-in) is
 * offered only in {@code auth.mode=trusted} on a loopback bind, where only this machine can reach
 * the service.
 */
final class ConsoleRoutes {
  static final String PATH = "/console";
  private static final String FILES = "dev/files/service/console";
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

  private ConsoleRoutes() {}

  static void mount(Router router, String authMode, String httpHost) {
    JsonObject settings =
        new JsonObject()
            .put("authMode", authMode)
            .put("trustedSignIn", "trusted".equals(authMode) && isLoopback(httpHost));
    router.get(PATH).handler(ctx -> SlashRedirect.toDirectory(ctx, PATH));
    router
        .get(PATH + "/settings.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(settings.toBuffer()));
    router.get(PATH + "/*").handler(StaticHandler.create(FILES).setDefaultContentEncoding("UTF-8"));
  }

  static boolean isLoopback(String host) {
    return host != null && (LOOPBACK.contains(host) || host.startsWith("127."));
  }
}
