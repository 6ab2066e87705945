package dev.files.store.redis;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.redis.client.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates what the Redis client fails with into {@link FileError}s, once, at this edge.
 *
 * <p>The client reports three kinds of failure as an error reply ({@link Response}) although only
 * the first comes from the server: the server's own replies ({@code LOADING ...}), connections it
 * closed with commands in flight ({@code CONNECTION_CLOSED}), and a pipelined batch, whose failure
 * is one reply listing each failed command as {@code ERR [<index>] <cause>}, the cause being the
 * server's reply without its {@code ERR } prefix or the client's exception ({@code
 * java.net.SocketException: Connection reset}).
 */
final class RedisErrors {
  private RedisErrors() {}

  /** Replies that mean "try again later" rather than a bug, and the client's closed connection. */
  private static final String[] TRANSIENT = {
    "LOADING",
    "BUSY",
    "MASTERDOWN",
    "CLUSTERDOWN",
    "TRYAGAIN",
    "READONLY",
    "NOREPLICAS",
    "MOVED",
    "ASK",
    "CONNECTION_CLOSED"
  };

  /** One failed command of a batch's failure. */
  private static final Pattern BATCH_ENTRY = Pattern.compile("ERR \\[\\d+] (.*)");

  /**
   * A Java exception as {@link Throwable#toString()} renders it ({@code java.io.IOException: ...}):
   * the client lost the connection under a batch. No server reply starts with a qualified name.
   */
  private static final Pattern CLIENT_EXCEPTION =
      Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\\.[A-Z][\\w$]*(:.*)?");

  static FileError translate(Throwable t, String what) {
    if (t instanceof FileError fe) {
      return fe;
    }
    if (t instanceof Response reply) {
      String text = reply.toString();
      if (isTransientReply(text)) {
        return FileError.unavailable("redis is not ready (" + what + "): " + text, t);
      }
      return new FileError(ErrorCode.INTERNAL, "redis rejected " + what + ": " + text, t);
    }
    // connection refused or lost, pool exhausted, timeout, client closed: Redis is out of reach
    return FileError.unavailable("redis is unavailable (" + what + "): " + t.getMessage(), t);
  }

  /**
   * Whether an error reply means "try again later": a single reply with a transient prefix, or a
   * batch's failure whose every failed command failed transiently (one real rejection among them is
   * a bug, and retrying would meet it again).
   */
  static boolean isTransientReply(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String[] lines = text.split("\\R");
    Matcher first = BATCH_ENTRY.matcher(lines[0]);
    if (!first.matches()) {
      return hasTransientPrefix(text);
    }
    for (String line : lines) {
      Matcher entry = BATCH_ENTRY.matcher(line);
      if (!entry.matches() || !isTransientCause(entry.group(1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTransientCause(String cause) {
    return hasTransientPrefix(cause) || CLIENT_EXCEPTION.matcher(cause).matches();
  }

  private static boolean hasTransientPrefix(String text) {
    for (String prefix : TRANSIENT) {
      if (text.startsWith(prefix)
          && (text.length() == prefix.length() || text.charAt(prefix.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }

  /** The server does not know the script: alone, or as the first command of a batch (WAIT). */
  static boolean isNoScript(Throwable t) {
    if (!(t instanceof Response reply)) {
      return false;
    }
    String text = reply.toString();
    return text.startsWith("NOSCRIPT") || text.startsWith("ERR [0] NOSCRIPT");
  }
}
