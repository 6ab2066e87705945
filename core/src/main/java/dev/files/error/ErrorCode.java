package dev.files.error;

/** The error codes of the API contract, each with the one HTTP status it maps to. */
public enum ErrorCode {
  VALIDATION("validation", 400),
  UNAUTHENTICATED("unauthenticated", 401),
  FORBIDDEN("forbidden", 403),
  NOT_FOUND("not-found", 404),
  CONFLICT("conflict", 409),
  ALIAS_TAKEN("alias-taken", 409),
  VERSION_CONFLICT("version-conflict", 409),
  BUSY("busy", 409),
  NOT_READY("not-ready", 412),
  TOO_LARGE("too-large", 413),
  INVALID_CONTENT("invalid-content", 422),
  INTERNAL("internal", 500),
  UNAVAILABLE("unavailable", 503);

  private final String code;
  private final int status;

  ErrorCode(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The wire name, e.g. {@code not-found}. */
  public String code() {
    return code;
  }

  /** The HTTP status (also the event bus failure code). */
  public int status() {
    return status;
  }

  public static ErrorCode fromCode(String code) {
    for (ErrorCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown error code " + code);
  }
}
