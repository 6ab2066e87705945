package dev.files.store.redis;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.redis.client.Response;

/** Translates what the Redis client fails with into {@link FileError}s, once, at this edge. */
final class RedisErrors {
  private RedisErrors() {}

  /** A reply of the server that means "try again later" rather than a bug. */
  private static final String[] TRANSIENT = {
    "LOADING",
    "BUSY",
    "MASTERDOWN",
    "CLUSTERDOWN",
    "TRYAGAIN",
    "READONLY",
    "NOREPLICAS",
    "MOVED",
    "ASK"
  };

  static FileError translate(Throwable t, String what) {
    if (t instanceof FileError fe) {
      return fe;
    }
    if (t instanceof Response reply) { // an error reply of the server
      String text = reply.toString();
      for (String prefix : TRANSIENT) {
        if (text.startsWith(prefix)) {
          return FileError.unavailable("redis is not ready (" + what + "): " + text, t);
        }
      }
      return new FileError(ErrorCode.INTERNAL, "redis rejected " + what + ": " + text, t);
    }
    // connection refused or lost, pool exhausted, timeout, client closed: Redis is out of reach
    return FileError.unavailable("redis is unavailable (" + what + "): " + t.getMessage(), t);
  }

  static boolean isNoScript(Throwable t) {
    return t instanceof Response reply && reply.toString().startsWith("NOSCRIPT");
  }
}
