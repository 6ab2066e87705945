package dev.files.error;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one failure type of the service. Every layer fails with it; drivers' exceptions are
 * translated into it once, at the backend's edge.
 */
public final class FileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final List<String> details;

  public FileError(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public FileError(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public FileError(ErrorCode code, String message, List<String> details, Throwable cause) {
    super(message, cause, false, cause != null);
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }

  public List<String> details() {
    return details;
  }

  public static FileError validation(String message, String... details) {
    return new FileError(ErrorCode.VALIDATION, message, List.of(details), null);
  }

  public static FileError notFound(String message) {
    return new FileError(ErrorCode.NOT_FOUND, message);
  }

  public static FileError forbidden(String message) {
    return new FileError(ErrorCode.FORBIDDEN, message);
  }

  public static FileError versionConflict(String uploadId, long expected) {
    return new FileError(
        ErrorCode.VERSION_CONFLICT,
        "record " + uploadId + " is not at version " + expected + " any more");
  }

  public static FileError aliasTaken(String alias) {
    return new FileError(ErrorCode.ALIAS_TAKEN, "alias '" + alias + "' is taken");
  }

  /**
   * A backend or storage that cannot serve now. By convention the message names what is unavailable
   * first, then {@code ": "} and the detail (host, port, the driver's words): the part before the
   * first colon or parenthesis identifies the outage in the logs ({@link FailureLog}); none of the
   * message reaches a client ({@link #toJson}).
   */
  public static FileError unavailable(String message, Throwable cause) {
    return new FileError(ErrorCode.UNAVAILABLE, message, cause);
  }

  /**
   * Any throwable as a FileError, classified as {@link Retry} does: the first FileError in its
   * cause chain, {@code unavailable} for a timeout, otherwise an internal error.
   */
  public static FileError of(Throwable t) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < Retry.MAX_CAUSE_DEPTH; depth++, c = c.getCause()) {
      if (c instanceof FileError fe) {
        return fe;
      }
    }
    if (Retry.isTransient(t)) {
      return unavailable("timed out: " + t.getMessage(), t);
    }
    return new FileError(ErrorCode.INTERNAL, "internal error", t);
  }

  /**
   * The error body of the API: {@code {"error": {status, code, message, details}}}. A server-side
   * failure (5xx) answers a fixed message and no details: its own message names hosts, ports and
   * driver errors, which are for the log only.
   */
  public JsonObject toJson() {
    boolean serverSide = status() >= 500;
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("status", status())
                .put("code", code.code())
                .put("message", serverSide ? publicMessage(code) : getMessage())
                .put("details", new JsonArray(serverSide ? List.of() : List.copyOf(details))));
  }

  private static String publicMessage(ErrorCode code) {
    return code == ErrorCode.UNAVAILABLE
        ? "the service is temporarily unavailable; try again later"
        : "internal error";
  }

  /** Reads the error body of the API back, e.g. from a ReplyException's message. */
  public static FileError fromJson(JsonObject body) {
    JsonObject e = body.getJsonObject("error", body);
    JsonArray d = e.getJsonArray("details", new JsonArray());
    List<String> details = d.stream().map(String::valueOf).toList();
    return new FileError(
        ErrorCode.fromCode(e.getString("code")), e.getString("message"), details, null);
  }

  @Override
  public String toString() {
    return "FileError[" + code.code() + "]: " + getMessage();
  }
}
