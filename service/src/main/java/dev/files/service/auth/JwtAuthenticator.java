package dev.files.service.auth;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.service.config.Durations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.Set;

/**
 * {@code auth.mode=jwt}: every request carries {@code Authorization: Bearer <JWT>}, signed with
 * HS256 (shared {@code secret}) or RS256 ({@code publicKey}, PEM), with the configured issuer and
 * audience. The subject is the user; the role {@code admin} in the {@code roles} claim (or a
 * subject listed in {@code auth.admins}) makes an admin. A token must expire: one without {@code
 * exp}, or living longer than {@code maxLifetime} (from {@code iat}, or from now), is refused, so a
 * leaked token cannot be used forever.
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String BEARER = "bearer ";
  static final String DEFAULT_MAX_LIFETIME = "24h";

  private final JWTAuth jwt;
  private final Set<String> admins;
  private final long maxLifetimeSeconds;

  private JwtAuthenticator(JWTAuth jwt, Set<String> admins, Duration maxLifetime) {
    this.jwt = jwt;
    this.admins = Set.copyOf(admins);
    this.maxLifetimeSeconds = maxLifetime.toSeconds();
  }

  /**
   * @param jwtConfig the {@code auth.jwt} section: {@code secret} or {@code publicKey}, {@code
   *     issuer}, {@code audience}, {@code maxLifetime} (a duration, default {@value
   *     #DEFAULT_MAX_LIFETIME})
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
    Duration maxLifetime = Durations.parse(jwtConfig.getValue("maxLifetime", DEFAULT_MAX_LIFETIME));
    if (maxLifetime.toSeconds() <= 0) {
      throw new IllegalArgumentException("auth.jwt.maxLifetime must be at least one second");
    }
    return new JwtAuthenticator(JWTAuth.create(vertx, options), admins, maxLifetime);
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
    return verify(token)
        .recover(e -> Future.failedFuture(unauthenticated("the bearer token is not valid")))
        .compose(
            user -> {
              JsonObject claims = user.principal();
              String subject = claims.getString("sub");
              if (subject == null || subject.isEmpty()) {
                return Future.failedFuture(unauthenticated("the token has no subject"));
              }
              // The provider moves exp and iat out of the principal; the payload keeps them.
              JsonObject payload = user.attributes().getJsonObject("accessToken", claims);
              String lifetimeProblem = lifetimeProblem(payload);
              if (lifetimeProblem != null) {
                return Future.failedFuture(unauthenticated(lifetimeProblem));
              }
              return Future.succeededFuture(
                  new Identity.Token(
                      subject, isAdmin(subject, claims), azp(payload.getValue("azp"))));
            });
  }

  /**
   * The provider's verification, failing instead of throwing: it throws on a signed token whose
   * {@code exp} or {@code iat} is not a number, which is the client's fault like any bad token.
   */
  private Future<User> verify(String token) {
    try {
      return jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException malformed) {
      return Future.failedFuture(malformed);
    }
  }

  /** Why the token's lifetime is not acceptable, or null when it is (expiry itself is checked). */
  private String lifetimeProblem(JsonObject claims) {
    if (!(claims.getValue("exp") instanceof Number exp)) {
      return "the token has no expiry (exp)";
    }
    long now = System.currentTimeMillis() / 1000;
    long from = claims.getValue("iat") instanceof Number iat ? Math.min(iat.longValue(), now) : now;
    if (exp.longValue() - from > maxLifetimeSeconds) {
      return "the token lives longer than " + maxLifetimeSeconds + " s";
    }
    return null;
  }

  /** The authorized party (the calling service), when the token names one as a short string. */
  private static String azp(Object claim) {
    return claim instanceof String s && !s.isBlank() && s.length() <= 200 ? s : null;
  }

  private boolean isAdmin(String subject, JsonObject claims) {
    Object roles = claims.getValue("roles");
    return admins.contains(subject) || (roles instanceof JsonArray a && a.contains("admin"));
  }

  private static FileError unauthenticated(String message) {
    return new FileError(ErrorCode.UNAUTHENTICATED, message);
  }
}
