package dev.files.storage.gcs.pubsub;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Decides whether a push delivery comes from our Pub/Sub subscription: the configured token in the
 * push endpoint's query ({@code ?token=}), or the OIDC token Pub/Sub puts in {@code Authorization:
 * Bearer} when the push subscription has an authentication service account (signature by Google's
 * keys, audience, issuer, and the service account's verified e-mail).
 */
public final class PushAuthenticator {

  /** The answer for one delivery. */
  public enum Verdict {
    ALLOWED,
    /** No credential presented: 401. */
    MISSING,
    /** A credential that does not check out: 403. */
    DENIED
  }

  private static final Set<String> GOOGLE_ISSUERS =
      Set.of("accounts.google.com", "https://accounts.google.com");

  private final Vertx vertx;
  private final byte[] token;
  private final TokenVerifier oidc;
  private final String serviceAccount;

  /** Fails when {@code config} has neither a push token nor an OIDC audience. */
  public PushAuthenticator(Vertx vertx, PubSubConfig config) {
    if (!config.pushAuthConfigured()) {
      throw new IllegalArgumentException(
          "push notifications need storage.gcs.pubsub.pushToken or storage.gcs.pubsub.pushAudience");
    }
    this.vertx = vertx;
    this.token =
        config.pushToken() == null ? null : config.pushToken().getBytes(StandardCharsets.UTF_8);
    this.oidc =
        config.pushAudience() == null
            ? null
            : TokenVerifier.newBuilder()
                .setAudience(config.pushAudience())
                .setCertificatesLocation(
                    config.pushCertsUrl() != null
                        ? config.pushCertsUrl()
                        : PubSubConfig.GOOGLE_CERTS_URL)
                .build();
    this.serviceAccount = config.pushServiceAccount();
  }

  /**
   * Checks a delivery's {@code token} query parameter and {@code Authorization} header (either may
   * be null).
   */
  public Future<Verdict> check(String tokenParam, String authorization) {
    if (tokenParam != null && token != null) {
      return Future.succeededFuture(
          MessageDigest.isEqual(token, tokenParam.getBytes(StandardCharsets.UTF_8))
              ? Verdict.ALLOWED
              : Verdict.DENIED);
    }
    String bearer = bearer(authorization);
    if (bearer != null && oidc != null) {
      // verification may fetch Google's keys (cached afterwards): off the event loop
      return vertx.executeBlocking(() -> verifyOidc(bearer), false);
    }
    boolean presented = tokenParam != null || bearer != null;
    return Future.succeededFuture(presented ? Verdict.DENIED : Verdict.MISSING);
  }

  private Verdict verifyOidc(String jwt) {
    try {
      JsonWebSignature verified = oidc.verify(jwt);
      JsonWebSignature.Payload claims = verified.getPayload();
      if (!GOOGLE_ISSUERS.contains(claims.getIssuer())) {
        return Verdict.DENIED;
      }
      if (serviceAccount != null
          && (!serviceAccount.equals(claims.get("email"))
              || !Boolean.TRUE.equals(claims.get("email_verified")))) {
        return Verdict.DENIED;
      }
      return Verdict.ALLOWED;
    } catch (TokenVerifier.VerificationException | RuntimeException e) {
      return Verdict.DENIED;
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String jwt = authorization.substring(7).trim();
    return jwt.isEmpty() ? null : jwt;
  }
}
