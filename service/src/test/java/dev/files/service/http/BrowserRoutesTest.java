package dev.files.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /docs, /console and CORS of the actions, each on and off by configuration. */
class BrowserRoutesTest {
  private static final String ALLOWED = "http://app.example";

  private static FilesServer start(Map<String, String> env) {
    TestActions actions = new TestActions();
    return TestServers.start(
        FilesServer.builder(TestServers.config(env))
            .actions(actions::create)
            .storage(
                (vertx, config, url) -> Future.succeededFuture(TestServers.emptyStorage(true))));
  }

  @Test
  void theEmbeddedDefaultServesDocsAndConsoleWithTrustedSignInOnLoopback() {
    FilesServer server = start(Map.of());
    try {
      Http http = new Http(server.baseUrl());
      Http.Reply docs = http.get("/docs/");
      assertEquals(200, docs.status());
      assertTrue(docs.body().contains("../openapi.yaml"), docs.body());
      assertEquals(200, http.get("/docs/swagger-ui-bundle.js").status());
      Http.Reply console = http.get("/console/");
      assertEquals(200, console.status());
      assertTrue(console.body().contains("console.js"));
      assertEquals(200, http.get("/console/console.js").status());
      Http.Reply settings = http.get("/console/settings.json");
      assertEquals("trusted", settings.json().getString("authMode"));
      assertTrue(settings.json().getBoolean("trustedSignIn"));
      assertEquals(302, send(server, "GET", "/console", Map.of()).statusCode());
    } finally {
      TestServers.stop(server);
    }
  }

  @Test
  void trustedSignInIsOfferedOnlyOnLoopbackBinds() {
    assertTrue(ConsoleRoutes.isLoopback("127.0.0.1"));
    assertTrue(ConsoleRoutes.isLoopback("::1"));
    assertTrue(ConsoleRoutes.isLoopback("localhost"));
    assertFalse(ConsoleRoutes.isLoopback("0.0.0.0"));
    assertFalse(ConsoleRoutes.isLoopback("10.0.0.5"));
  }

  @Test
  void docsAndConsoleCanBeTurnedOff() {
    FilesServer server =
        start(Map.of("FILES_CONSOLE_ENABLED", "false", "FILES_DOCS_ENABLED", "false"));
    try {
      Http http = new Http(server.baseUrl());
      assertEquals(404, http.get("/docs/").status());
      assertEquals(404, http.get("/console/").status());
      assertEquals(200, http.get("/openapi.yaml").status());
    } finally {
      TestServers.stop(server);
    }
  }

  @Test
  void onlyConfiguredOriginsGetCorsHeaders() {
    FilesServer server = start(Map.of("FILES_HTTP_CORSORIGINS", ALLOWED));
    try {
      Map<String, String> preflight =
          Map.of(
              "Access-Control-Request-Method",
              "POST",
              "Access-Control-Request-Headers",
              "content-type");
      HttpResponse<String> allowed =
          send(server, "OPTIONS", "/files/list", with(ALLOWED, preflight));
      assertEquals(204, allowed.statusCode());
      assertEquals(
          Optional.of(ALLOWED), allowed.headers().firstValue("access-control-allow-origin"));
      assertTrue(
          allowed
              .headers()
              .firstValue("access-control-allow-headers")
              .orElse("")
              .contains("Content-Type"));
      HttpResponse<String> other =
          send(server, "OPTIONS", "/files/list", with("http://evil.example", preflight));
      assertFalse(other.headers().firstValue("access-control-allow-origin").isPresent());
    } finally {
      TestServers.stop(server);
    }
  }

  private static Map<String, String> with(String origin, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Origin", origin);
    return all;
  }

  private static HttpResponse<String> send(
      FilesServer server, String method, String path, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }
}
