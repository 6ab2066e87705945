package dev.files.client;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns what a transport reports into the API's errors. */
final class Failures {
  private Failures() {}

  /** The error body of a reply, or an error made from the status when the body is not one. */
  static FileError fromReply(int status, String body) {
    if (body != null && !body.isBlank()) {
      try {
        JsonObject json = new JsonObject(body);
        if (json.getValue("error") instanceof JsonObject error && error.getString("code") != null) {
          return FileError.fromJson(json);
        }
      } catch (DecodeException | IllegalArgumentException notTheApiError) {
        // A proxy's or load balancer's page: the status is all there is.
      }
    }
    return new FileError(byStatus(status), "HTTP " + status + " without the API's error body");
  }

  /** A call that did not get an answer: the service could not be reached. */
  static FileError unreachable(String action, Throwable cause) {
    if (cause instanceof FileError fe) {
      return fe;
    }
    return FileError.unavailable(action + " could not reach the files service: " + cause, cause);
  }

  /** A call that got no answer within its timeout. */
  static FileError timedOut(String action, Duration timeout, Throwable cause) {
    TimeoutException timeoutCause =
        cause instanceof TimeoutException t
            ? t
            : new TimeoutException(action + " got no reply within " + timeout);
    return FileError.unavailable(action + " got no reply within " + timeout, timeoutCause);
  }

  private static ErrorCode byStatus(int status) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.status() == status) {
        return code;
      }
    }
    return status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
  }
}
