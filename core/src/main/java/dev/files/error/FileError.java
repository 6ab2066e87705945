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

  public static FileError unavailable(String message, Throwable cause) {
    return new FileError(ErrorCode.UNAVAILABLE, message, cause);
  }

  /** Any throwable as a FileError: itself when it is one, otherwise an internal error. */
  public static FileError of(Throwable t) {
    if (t instanceof FileError fe) {
      return fe;
    }
    return new FileError(ErrorCode.INTERNAL, "internal error", t);
  }

  /** The error body of the API: {@code {"error": {status, code, message, details}}}. */
  public JsonObject toJson() {
    String message = code == ErrorCode.INTERNAL ? "internal error" : getMessage();
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("status", status())
                .put("code", code.code())
                .put("message", message)
                .put("details", new JsonArray(List.copyOf(details))));
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
