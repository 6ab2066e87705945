package dev.files.action;

import dev.files.store.history.Origin;
import dev.files.store.history.WriteContext;

/**
 * Who performs an action, as the transport established it: in trusted mode the body's {@code
 * username}; in JWT mode the token's subject (or, for an admin token, the body's username). The
 * event bus is always trusted. Actions use this, never the raw body, to decide access.
 *
 * @param user the acting user; null for an anonymous caller (e.g. download of a public file)
 * @param admin whether the caller has the role {@code admin}
 * @param actor who really acts, for the record's history: the user, the token's subject when an
 *     admin acts as someone else, or the part of the service ({@link WriteContext#RECONCILER} ...)
 * @param origin where the request came from
 */
public record Caller(String user, boolean admin, String actor, Origin origin) {

  public Caller {
    origin = origin == null ? Origin.unknown() : origin;
  }

  /** A caller who acts as themselves, from an origin not (yet) known. */
  public Caller(String user, boolean admin) {
    this(user, admin, user, null);
  }

  public static Caller anonymous() {
    return new Caller(null, false);
  }

  /** The service itself (reconciler, notifications): admin, no user. */
  public static Caller system() {
    return system(WriteContext.SYSTEM, Origin.of(Origin.INTERNAL));
  }

  /** A named part of the service ({@link WriteContext#PROCESSING_WORKER} ...): admin, no user. */
  public static Caller system(String part, Origin origin) {
    return new Caller(null, true, part, origin);
  }

  /** The same caller, from this origin. */
  public Caller from(Origin from) {
    return new Caller(user, admin, actor, from);
  }

  /** Who the history names: the actor, else the user, else {@code anonymous}. */
  public String historyActor() {
    if (actor != null) {
      return actor;
    }
    return user != null ? user : "anonymous";
  }
}
