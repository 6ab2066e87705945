package dev.files.storage.gcs;

import com.google.cloud.BaseServiceException;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import java.io.IOException;

/** Translates the Google client's failures into {@link FileError}, once, at this backend's edge. */
final class GcsErrors {
  private GcsErrors() {}

  /** HTTP status of a failed storage call, or 0 when it never got an answer (I/O). */
  static int status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BaseServiceException e && e.getCode() > 0) {
        return e.getCode();
      }
    }
    return 0;
  }

  /** The FileError for {@code t}, raised while doing {@code what} (e.g. "stat b/o"). */
  static FileError translate(Throwable t, String what) {
    if (t instanceof FileError fe) {
      return fe;
    }
    int status = status(t);
    if (status == 404) {
      return FileError.notFound(what + ": no such object");
    }
    if (status == 412) {
      return new FileError(ErrorCode.CONFLICT, what + ": precondition failed", t);
    }
    if (status == 0 || status == 408 || status == 429 || status >= 500) {
      if (status == 0 && !(t instanceof IOException) && !(t instanceof BaseServiceException)) {
        return new FileError(ErrorCode.INTERNAL, what + " failed", t);
      }
      return FileError.unavailable("storage unavailable: " + what, t);
    }
    // 400 (a request the service should not have made), 401/403 (the service's credentials or
    // IAM are wrong): trying again unchanged cannot help, operators must fix it, so it is internal
    // (permanent, Retry); files.sync picks the work up again once it is fixed.
    return new FileError(ErrorCode.INTERNAL, what + " failed with HTTP " + status, t);
  }
}
