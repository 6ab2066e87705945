package dev.files.service.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** Establishes the {@link Identity} of an HTTP request; fails with {@code unauthenticated}. */
public interface Authenticator {
  Future<Identity> authenticate(HttpServerRequest request);

  /** {@code auth.mode=trusted}: everyone is who the body says; {@code admins} are admins. */
  static Authenticator trusted(java.util.Set<String> admins) {
    Identity identity = new Identity.Trusted(admins);
    return request -> Future.succeededFuture(identity);
  }
}
