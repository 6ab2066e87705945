package dev.files.client;

import java.util.Set;

/**
 * The actions a client may send again after a transient failure: the reads, and files.finish, whose
 * repetition the API promises is harmless. Every other action changes the record, and a failure
 * does not say whether the change was applied: files.upload sent twice makes two uploads.
 */
final class SafeToRepeat {
  private static final Set<String> ACTIONS =
      Set.of(
          "files.info",
          "files.history",
          "files.list",
          "files.head",
          "files.report",
          "files.download",
          "files.finish");

  private SafeToRepeat() {}

  static boolean action(String action) {
    return ACTIONS.contains(action);
  }
}
