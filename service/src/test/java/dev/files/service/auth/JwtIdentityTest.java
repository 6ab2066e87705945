package dev.files.service.auth;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** auth.mode=jwt over real HTTP: HS256 and RS256, issuer and audience, subject and admin role. */
class JwtIdentityTest {
  private static final String ID = "0b5c8e7e-0a7d-4c1e-9a55-2f8f0d6b1c11";
  private static final String SECRET = "a-test-secret-of-enough-length-for-hs256";
  private static Vertx vertx;
  private static FilesServer hs;
  private static FilesServer rs;
  private static JWTAuth hsSigner;
  private static JWTAuth rsSigner;
  private static JWTAuth wrongSigner;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());

    hs = startWith(Map.of("FILES_AUTH_JWT_SECRET", SECRET));
    rs = startWith(Map.of("FILES_AUTH_JWT_PUBLICKEY", publicPem));
    hsSigner = signer(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET));
    rsSigner = signer(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(privatePem));
    wrongSigner =
        signer(
            new PubSecKeyOptions()
                .setAlgorithm("HS256")
                .setBuffer("another-secret-entirely-0123456789"));
  }

  private static FilesServer startWith(Map<String, String> key) {
    Map<String, String> env = new java.util.HashMap<>(key);
    env.put("FILES_AUTH_MODE", "jwt");
    env.put("FILES_AUTH_JWT_ISSUER", "https://issuer.test");
    env.put("FILES_AUTH_JWT_AUDIENCE", "files");
    env.put("FILES_AUTH_JWT_MAXLIFETIME", "1h");
    return TestServers.start(
        FilesServer.builder(TestServers.config(env))
            .actions(new TestActions()::create)
            .storage((v, c, u) -> Future.succeededFuture(TestServers.emptyStorage(true))));
  }

  private static JWTAuth signer(PubSecKeyOptions key) {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @AfterAll
  static void stop() {
    TestServers.stop(hs);
    TestServers.stop(rs);
    await(vertx.close());
  }

  private static String token(
      JWTAuth signer,
      String algorithm,
      String subject,
      String issuer,
      String audience,
      boolean admin) {
    JsonObject claims = new JsonObject();
    if (admin) {
      claims.put("roles", new JsonArray().add("admin"));
    }
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm(algorithm)
            .setIssuer(issuer)
            .addAudience(audience)
            .setExpiresInMinutes(5);
    if (subject != null) {
      options.setSubject(subject);
    }
    return signer.generateToken(claims, options);
  }

  private static String hsToken(String subject, boolean admin) {
    return token(hsSigner, "HS256", subject, "https://issuer.test", "files", admin);
  }

  private static Http.Reply info(FilesServer server, String username, String token) {
    JsonObject body = new JsonObject().put("username", username).put("uploadId", ID);
    Http http = new Http(server.baseUrl());
    return token == null
        ? http.post("/files/info", body)
        : http.post("/files/info", body, "Authorization", "Bearer " + token);
  }

  @Test
  void theTokensSubjectIsTheCaller() {
    Http.Reply r = info(hs, "ann", hsToken("ann", false));
    assertEquals(200, r.status(), r.body());
    assertEquals("ann", r.json().getString("caller"));
    assertFalse(r.json().getBoolean("admin"));
  }

  @Test
  void aMissingOrBadTokenIs401() {
    assertUnauthenticated(info(hs, "ann", null));
    assertUnauthenticated(info(hs, "ann", "not.a.token"));
    assertUnauthenticated(
        info(hs, "ann", token(wrongSigner, "HS256", "ann", "https://issuer.test", "files", false)));
    assertUnauthenticated(
        info(hs, "ann", token(hsSigner, "HS256", "ann", "https://other.test", "files", false)));
    assertUnauthenticated(
        info(hs, "ann", token(hsSigner, "HS256", "ann", "https://issuer.test", "other", false)));
    assertUnauthenticated(
        info(hs, "ann", token(hsSigner, "HS256", null, "https://issuer.test", "files", false)));
  }

  /** An HS256 token for ann with exactly these time claims (null: absent). */
  private static String timedToken(Long issuedAt, Long expires) {
    JsonObject claims = new JsonObject();
    if (issuedAt != null) {
      claims.put("iat", issuedAt);
    }
    if (expires != null) {
      claims.put("exp", expires);
    }
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer("https://issuer.test")
            .addAudience("files")
            .setSubject("ann")
            .setNoTimestamp(true);
    return hsSigner.generateToken(claims, options);
  }

  @Test
  void aTokenMustExpireWithinTheMaximumLifetime() {
    long now = System.currentTimeMillis() / 1000;
    Http.Reply withinLimit = info(hs, "ann", timedToken(now, now + 1800));
    assertEquals(200, withinLimit.status(), withinLimit.body());

    Http.Reply noExpiry = info(hs, "ann", timedToken(now, null));
    assertUnauthenticated(noExpiry);
    assertTrue(noExpiry.error().getString("message").contains("exp"), noExpiry.body());
    assertUnauthenticated(info(hs, "ann", timedToken(null, null)));
    assertUnauthenticated(info(hs, "ann", timedToken(now, now + 7200)));
    assertUnauthenticated(info(hs, "ann", timedToken(null, now + 7200)));
    assertUnauthenticated(info(hs, "ann", timedToken(now - 3 * 3600, now + 1800)));
    assertUnauthenticated(info(hs, "ann", timedToken(now - 1800, now - 60)));
  }

  @Test
  void aSignedTokenWhoseExpIsNotANumberIs401() {
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer("https://issuer.test")
            .addAudience("files")
            .setSubject("ann")
            .setNoTimestamp(true);
    String token = hsSigner.generateToken(new JsonObject().put("exp", "never"), options);
    assertUnauthenticated(info(hs, "ann", token));
  }

  @Test
  void anotherUsernameIs403UnlessTheTokenIsAnAdmins() {
    Http.Reply refused = info(hs, "bob", hsToken("ann", false));
    assertEquals(403, refused.status(), refused.body());
    assertEquals("forbidden", refused.error().getString("code"));

    Http.Reply admin = info(hs, "bob", hsToken("root", true));
    assertEquals(200, admin.status(), admin.body());
    assertEquals("bob", admin.json().getString("caller"));
    assertTrue(admin.json().getBoolean("admin"));
    assertEquals("root", admin.json().getString("actor"), "the history names the admin");
  }

  @Test
  void theTokensAzpAndTheRequestsHeadersAreItsOrigin() {
    JsonObject claims = new JsonObject().put("azp", "gallery-service");
    String token =
        hsSigner.generateToken(
            claims,
            new JWTOptions()
                .setAlgorithm("HS256")
                .setIssuer("https://issuer.test")
                .addAudience("files")
                .setSubject("ann")
                .setExpiresInMinutes(5));
    Http.Reply r =
        new Http(hs.baseUrl())
            .post(
                "/files/info",
                new JsonObject().put("username", "ann").put("uploadId", ID),
                "Authorization",
                "Bearer " + token,
                "X-Request-Id",
                "req-42",
                "User-Agent",
                "gallery/2");
    assertEquals(200, r.status(), r.body());
    JsonObject origin = r.json().getJsonObject("origin");
    assertEquals("http", origin.getString("transport"));
    assertEquals("gallery-service", origin.getString("callerService"));
    assertEquals("req-42", origin.getString("requestId"));
    assertEquals("req-42", origin.getString("traceId"));
    assertEquals("gallery/2", origin.getString("userAgent"));
    assertEquals("127.0.0.1", origin.getString("clientAddress"), "no proxy is trusted");
  }

  @Test
  void rs256TokensAreVerifiedWithThePublicKey() {
    Http.Reply ok =
        info(rs, "ann", token(rsSigner, "RS256", "ann", "https://issuer.test", "files", false));
    assertEquals(200, ok.status(), ok.body());
    assertEquals("ann", ok.json().getString("caller"));
    assertUnauthenticated(info(rs, "ann", hsToken("ann", false)));
  }

  @Test
  void theEventBusStaysTrusted() throws Exception {
    JsonObject reply =
        (JsonObject)
            hs.vertx()
                .eventBus()
                .request("files.info", new JsonObject().put("username", "bob").put("uploadId", ID))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS)
                .body();
    assertEquals("bob", reply.getString("caller"));
    JsonObject fromBus =
        (JsonObject)
            hs.vertx()
                .eventBus()
                .request(
                    "files.info",
                    new JsonObject().put("username", "bob").put("uploadId", ID),
                    new io.vertx.core.eventbus.DeliveryOptions()
                        .addHeader("x-caller-service", "billing")
                        .addHeader("x-request-id", "bus-7"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS)
                .body();
    JsonObject origin = fromBus.getJsonObject("origin");
    assertEquals("bus", origin.getString("transport"));
    assertEquals("billing", origin.getString("callerService"));
    assertEquals("bus-7", origin.getString("requestId"));
  }

  private static void assertUnauthenticated(Http.Reply r) {
    assertEquals(401, r.status(), r.body());
    assertEquals("unauthenticated", r.error().getString("code"));
  }
}
