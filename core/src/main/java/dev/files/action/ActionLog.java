package dev.files.action;

import dev.files.model.FileRecord;

/** The one shape of an action's log line about a record: action, uploadId and owner first. */
final class ActionLog {
  private ActionLog() {}

  /** {@code action=<action> uploadId=<id> owner=<owner> <what>}. */
  static String line(String action, FileRecord r, String what) {
    return "action=" + action + " uploadId=" + r.uploadId() + " owner=" + r.owner() + " " + what;
  }
}
