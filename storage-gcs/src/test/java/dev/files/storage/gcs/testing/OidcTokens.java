package dev.files.storage.gcs.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Google-style OIDC tokens for push authentication tests: an RSA key, its JWK set served over HTTP
 * (like {@code https://www.googleapis.com/oauth2/v3/certs}), and RS256 tokens signed with it.
 */
public final class OidcTokens {
  public static final String KID = "test-oidc-key";

  private final KeyPair keys;
  private HttpServer server;

  private OidcTokens(KeyPair keys) {
    this.keys = keys;
  }

  /** A new key whose JWK set is served on a free port. */
  public static Future<OidcTokens> start(Vertx vertx) {
    OidcTokens t = new OidcTokens(generate());
    return vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "public, max-age=3600")
                    .end(t.jwks().encode()))
        .listen(0, "127.0.0.1")
        .map(
            s -> {
              t.server = s;
              return t;
            });
  }

  public String certsUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/oauth2/v3/certs";
  }

  public Future<Void> close() {
    return server.close();
  }

  /** A token as Pub/Sub sends it: issuer Google, the audience, the push account's e-mail. */
  public String token(String audience, String email, Instant expires) {
    JsonObject claims =
        new JsonObject()
            .put("iss", "https://accounts.google.com")
            .put("aud", audience)
            .put("azp", "1234567890")
            .put("sub", "1234567890")
            .put("email", email)
            .put("email_verified", true)
            .put("iat", expires.minusSeconds(3600).getEpochSecond())
            .put("exp", expires.getEpochSecond());
    return sign(claims, keys);
  }

  /** The same claims signed by a key nobody published. */
  public static String forged(String audience, String email) {
    JsonObject claims =
        new JsonObject()
            .put("iss", "https://accounts.google.com")
            .put("aud", audience)
            .put("email", email)
            .put("email_verified", true)
            .put("iat", Instant.now().getEpochSecond())
            .put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
    return sign(claims, generate());
  }

  private JsonObject jwks() {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    JsonObject jwk =
        new JsonObject()
            .put("kty", "RSA")
            .put("alg", "RS256")
            .put("use", "sig")
            .put("kid", KID)
            .put("n", b64(unsigned(pub.getModulus().toByteArray())))
            .put("e", b64(unsigned(pub.getPublicExponent().toByteArray())));
    return new JsonObject().put("keys", new JsonArray().add(jwk));
  }

  private static String sign(JsonObject claims, KeyPair keys) {
    JsonObject header = new JsonObject().put("alg", "RS256").put("kid", KID).put("typ", "JWT");
    String input =
        b64(header.encode().getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(keys.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(byte[] twosComplement) {
    return twosComplement[0] == 0
        ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
        : twosComplement;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
