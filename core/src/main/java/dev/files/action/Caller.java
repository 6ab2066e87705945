package dev.files.action;

/**
 * Who performs an action, as the transport established it: in trusted mode the body's {@code
 * username}; in JWT mode the token's subject (or, for an admin token, the body's username). The
 * event bus is always trusted. Actions use this, never the raw body, to decide access.
 *
 * @param user the acting user; null for an anonymous caller (e.g. download of a public file)
 * @param admin whether the caller has the role {@code admin}
 */
public record Caller(String user, boolean admin) {
  public static Caller anonymous() {
    return new Caller(null, false);
  }

  /** The service itself (reconciler, notifications): admin, no user. */
  public static Caller system() {
    return new Caller(null, true);
  }
}
