package dev.files.service.store;

import dev.files.store.Capability;
import dev.files.store.FileStore;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator should know about the configured routing, read from the stores' {@link
 * Capability capabilities} (never from their names): a list store that sorts by scanning, or a
 * primary store that forgets everything on restart, still answer correctly, but not as the service
 * is meant to run.
 */
final class RoutingAdvice {
  private RoutingAdvice() {}

  /** The warnings for this routing, empty when it is the intended one. */
  static List<String> warnings(
      String primaryName, FileStore primary, String listName, FileStore list) {
    List<String> warnings = new ArrayList<>();
    if (!list.capabilities().contains(Capability.INDEXED_SORT)) {
      warnings.add(
          "store.list="
              + listName
              + " sorts files.list by scanning, not from an index: lists slow down as owners grow;"
              + " route lists to a backend with indexed sort (sqlite, couchdb)");
    }
    if (!primary.capabilities().contains(Capability.DURABLE)) {
      warnings.add(
          "store.primary="
              + primaryName
              + " keeps records in memory only: every record is lost when the process stops");
    }
    return warnings;
  }
}
