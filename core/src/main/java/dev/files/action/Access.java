package dev.files.action;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.json.JsonObject;

/**
 * Who may do what to a record. The acting user is the caller's; the service itself ({@link
 * Caller#system()}: admin, no user) acts as the body's {@code username} when it names one.
 * Soft-deleted records exist for admins only: everyone else gets 404, as if they were gone.
 */
final class Access {
  private Access() {}

  /** The acting user, or null for an anonymous caller. */
  static String user(Caller caller, JsonObject request) {
    if (caller.user() != null) {
      return caller.user();
    }
    return caller.admin() ? request.getString("username") : null;
  }

  /** The acting user; 401 without one, unless the caller is the service itself. */
  static String requireUser(Caller caller, JsonObject request) {
    String user = user(caller, request);
    if (user == null && !caller.admin()) {
      throw new FileError(ErrorCode.UNAUTHENTICATED, "a username is required");
    }
    return user;
  }

  static void requireAdmin(Caller caller) {
    if (caller.admin()) {
      return;
    }
    if (caller.user() == null) {
      throw new FileError(ErrorCode.UNAUTHENTICATED, "a username is required");
    }
    throw FileError.forbidden("this action needs the admin role");
  }

  /** 404 for a soft-deleted record unless the caller is an admin. */
  static FileRecord visible(Caller caller, FileRecord r) {
    if (r.deletedAt() != null && !caller.admin()) {
      throw FileError.notFound("no file " + r.uploadId());
    }
    return r;
  }

  /** Reading: the owner, an admin, or anyone for a public file; 401/403 otherwise. */
  static FileRecord readable(Caller caller, String user, FileRecord r) {
    visible(caller, r);
    if (r.isPublic() || caller.admin() || r.owner().equals(user)) {
      return r;
    }
    if (user == null) {
      throw new FileError(ErrorCode.UNAUTHENTICATED, "a username is required for a private file");
    }
    throw FileError.forbidden("file " + r.uploadId() + " belongs to another user");
  }

  /** Changing: the owner or an admin; 403 otherwise. */
  static FileRecord owned(Caller caller, String user, FileRecord r) {
    visible(caller, r);
    if (caller.admin() || r.owner().equals(user)) {
      return r;
    }
    throw FileError.forbidden("file " + r.uploadId() + " belongs to another user");
  }
}
