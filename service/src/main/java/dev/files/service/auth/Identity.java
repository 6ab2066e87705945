package dev.files.service.auth;

import dev.files.action.Caller;
import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a transport established about the caller before the body was read; combined with the body's
 * {@code username} it gives the {@link Caller} an action runs as.
 */
public sealed interface Identity {

  /** The caller for this request; fails with {@code forbidden} when the body names someone else. */
  Caller callerFor(JsonObject request);

  /** The calling service the credentials name (a JWT's {@code azp}), or null. */
  default String callerService() {
    return null;
  }

  /** Trusted transport (event bus, {@code auth.mode=trusted}): the body's username is believed. */
  record Trusted(Set<String> admins) implements Identity {
    public Trusted {
      admins = Set.copyOf(admins);
    }

    @Override
    public Caller callerFor(JsonObject request) {
      String username = request.getString("username");
      return new Caller(username, username != null && admins.contains(username));
    }
  }

  /**
   * A verified token: its subject is the user. A body username that differs is refused unless the
   * token is an admin's, who may act as anyone.
   */
  record Token(String subject, boolean admin, String callerService) implements Identity {
    public Token(String subject, boolean admin) {
      this(subject, admin, null);
    }

    @Override
    public Caller callerFor(JsonObject request) {
      String username = request.getString("username");
      if (username == null || username.equals(subject)) {
        return new Caller(subject, admin);
      }
      if (admin) {
        // The history names the admin who acted, not the user acted for.
        return new Caller(username, true, subject, null);
      }
      throw FileError.forbidden("the token's subject may not act as '" + username + "'");
    }
  }
}
