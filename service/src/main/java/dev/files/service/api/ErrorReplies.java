package dev.files.service.api;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;

/** Maps any failure onto the contract's {@link FileError}; the one place statuses come from. */
public final class ErrorReplies {
  private ErrorReplies() {}

  /**
   * The FileError for a failure seen by a transport: the failure itself, or, when there is none,
   * the HTTP status the web layer chose (413 for an oversized body, 404 for an unknown route).
   */
  public static FileError of(Throwable failure, int status) {
    if (failure != null) {
      return FileError.of(failure);
    }
    return switch (status) {
      case 400 -> FileError.validation("the request is malformed");
      case 401 -> new FileError(ErrorCode.UNAUTHENTICATED, "authentication is required");
      case 403 -> FileError.forbidden("forbidden");
      case 404, 405 -> FileError.notFound("no such resource");
      case 413 -> new FileError(ErrorCode.TOO_LARGE, "the request body is too large");
      case 503 -> new FileError(ErrorCode.UNAVAILABLE, "the service is unavailable");
      default -> new FileError(ErrorCode.INTERNAL, "internal error");
    };
  }
}
