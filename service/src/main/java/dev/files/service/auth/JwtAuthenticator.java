package dev.files.service.auth;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Set;

/**
 * {@code auth.mode=jwt}: every request carries {@code Authorization: Bearer <JWT>}, signed with
 * HS256 (shared {@code secret}) or RS256 ({@code publicKey}, PEM), with the configured issuer and
 * audience. The subject is the user; the role {@code admin} in the {@code roles} claim (or a
 * subject listed in {@code auth.admins}) makes an admin.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String BEARER = "bearer ";

  private final JWTAuth jwt;
  private final Set<String> admins;

  private JwtAuthenticator(JWTAuth jwt, Set<String> admins) {
    this.jwt = jwt;
    this.admins = Set.copyOf(admins);
  }

  /**
   * @param jwtConfig the {@code auth.jwt} section: {@code secret} or {@code publicKey}, {@code
   *     issuer}, {@code audience}
   */
  public static JwtAuthenticator create(Vertx vertx, JsonObject jwtConfig, Set<String> admins) {
    String secret = jwtConfig.getString("secret", "");
    String publicKey = jwtConfig.getString("publicKey", "");
    String issuer = jwtConfig.getString("issuer", "");
    String audience = jwtConfig.getString("audience", "");
    if (secret.isEmpty() == publicKey.isEmpty()) {
      throw new IllegalArgumentException(
          "auth.mode=jwt needs exactly one of auth.jwt.secret (HS256) or auth.jwt.publicKey (RS256)");
    }
    if (issuer.isEmpty() || audience.isEmpty()) {
      throw new IllegalArgumentException(
          "auth.mode=jwt needs auth.jwt.issuer and auth.jwt.audience");
    }
    PubSecKeyOptions key =
        secret.isEmpty()
            ? new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem(publicKey))
            : new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret);
    JWTAuthOptions options =
        new JWTAuthOptions()
            .addPubSecKey(key)
            .setJWTOptions(new JWTOptions().setIssuer(issuer).addAudience(audience));
    return new JwtAuthenticator(JWTAuth.create(vertx, options), admins);
  }

  /** Accepts a PEM block or its bare base64 body. */
  private static String pem(String key) {
    String k = key.trim();
    return k.startsWith("-----")
        ? k
        : "-----BEGIN PUBLIC KEY-----\n" + k + "\n-----END PUBLIC KEY-----";
  }

  @Override
  public Future<Identity> authenticate(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(unauthenticated("a bearer token is required"));
    }
    String token = header.substring(BEARER.length()).trim();
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(unauthenticated("the bearer token is not valid")))
        .compose(
            user -> {
              JsonObject claims = user.principal();
              String subject = claims.getString("sub");
              if (subject == null || subject.isEmpty()) {
                return Future.failedFuture(unauthenticated("the token has no subject"));
              }
              return Future.succeededFuture(new Identity.Token(subject, isAdmin(subject, claims)));
            });
  }

  private boolean isAdmin(String subject, JsonObject claims) {
    Object roles = claims.getValue("roles");
    return admins.contains(subject) || (roles instanceof JsonArray a && a.contains("admin"));
  }

  private static FileError unauthenticated(String message) {
    return new FileError(ErrorCode.UNAUTHENTICATED, message);
  }
}
