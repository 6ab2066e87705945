package dev.files.service;

import dev.files.action.Action;
import java.util.List;

/** The production actions, built over the service's stores, storage and options. */
final class DefaultActions {
  private DefaultActions() {}

  static List<Action> create(FilesServer.Parts parts) {
    return List.of();
  }
}
