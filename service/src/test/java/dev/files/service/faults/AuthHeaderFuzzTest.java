package dev.files.service.faults;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Authorization header of {@code auth.mode=jwt} (no token, other schemes, garbage,
 * {@code alg: none}, tokens without or with absurd {@code exp}, expired, future {@code iat},
 * oversized) with valid and hostile bodies, against one started service. Nothing may be a 5xx;
 * every 4xx is the error JSON.
 */
class AuthHeaderFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int TRIES = Integer.getInteger("fuzz.tries", 40) * 5;
  private static final String SECRET = "a-fuzz-secret-of-enough-length-for-hs256";

  private static Vertx vertx;
  private static FilesServer server;
  private static JWTAuth signer;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", Files.createTempDirectory("files-fuzz-auth").toString(),
                        "FILES_RECONCILE_INTERVAL", "0",
                        "FILES_AUTH_MODE", "jwt",
                        "FILES_AUTH_JWT_SECRET", SECRET,
                        "FILES_AUTH_JWT_ISSUER", "https://issuer.test",
                        "FILES_AUTH_JWT_AUDIENCE", "files"))));
    signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
    await(vertx.close());
  }

  @Test
  void noAuthorizationHeaderIsA5xxAndEvery4xxIsTheErrorJson() throws Exception {
    Hostile hostile = new Hostile(SEED);
    FuzzTally tally = new FuzzTally("jwt authorization headers", SEED);
    for (int i = 0; i < TRIES; i++) {
      String authorization = authorization(hostile);
      JsonObject valid =
          new JsonObject().put("username", "ann").put("uploadId", UUID.randomUUID().toString());
      byte[] body =
          hostile.chance(50) ? Hostile.encode(valid) : Hostile.encode(hostile.mutate(valid));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files/info"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> reply =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      tally.record(
          FuzzTally.describe(
              "POST", "/files/info", "Authorization: " + shorten(authorization), body),
          reply.statusCode(),
          reply.headers().firstValue("content-type").orElse(null),
          reply.body(),
          true);
    }
    System.out.println("[fuzz] " + tally.summary());
    assertTrue(tally.cases() == TRIES, tally::summary);
    assertTrue(tally.clean(), tally::problems);
  }

  private static String shorten(String value) {
    return value == null || value.length() < 80 ? value : value.substring(0, 80) + "...";
  }

  private String authorization(Hostile hostile) {
    long now = System.currentTimeMillis() / 1000;
    return switch (hostile.below(12)) {
      case 0 -> null;
      case 1 -> hostile.oneOf("", "Bearer", "Bearer ", "bearer  ", "Basic YW5uOnB3");
      case 2 -> "Bearer " + hostile.oneOf("a.b.c", "...", "not-a-token", "%zz", "a b.c");
      case 3 -> "Bearer " + unsigned(new JsonObject().put("sub", "ann").put("exp", now + 60));
      case 4 -> "Bearer " + token(new JsonObject().put("iat", now));
      case 5 -> "Bearer " + token(new JsonObject().put("iat", now).put("exp", now - 10));
      case 6 -> "Bearer " + token(new JsonObject().put("exp", hostile.number()));
      case 7 -> "Bearer " + token(new JsonObject().put("exp", "never").put("iat", "now"));
      case 8 ->
          "Bearer " + token(new JsonObject().put("iat", now + 86_400).put("exp", now + 90_000));
      case 9 -> "Bearer " + "x".repeat(hostile.oneOf(1_000, 7_000, 20_000));
      case 10 ->
          "Bearer "
              + token(
                  new JsonObject()
                      .put("exp", now + 60)
                      .put("roles", hostile.oneOf(new JsonArray().add("admin"), "admin", 1)));
      default -> "Bearer " + token(new JsonObject().put("iat", now).put("exp", now + 60));
    };
  }

  /** A token signed with the service's secret; claims as given, subject ann. */
  private static String token(JsonObject claims) {
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer("https://issuer.test")
            .addAudience("files")
            .setSubject("ann")
            .setNoTimestamp(true);
    return signer.generateToken(claims, options);
  }

  /** {@code alg: none}: a token anyone can make. */
  private static String unsigned(JsonObject claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = new JsonObject().put("alg", "none").put("typ", "JWT").encode();
    JsonObject payload = claims.copy().put("iss", "https://issuer.test").put("aud", "files");
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8))
        + ".";
  }
}
