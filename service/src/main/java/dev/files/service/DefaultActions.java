package dev.files.service;

import dev.files.action.Action;
import dev.files.action.ActionContext;
import dev.files.action.ActionOptions;
import dev.files.action.Actions;
import dev.files.service.config.ServiceConfig;
import dev.files.service.process.TikaContentInspector;
import dev.files.store.history.HistoryRetention;
import java.time.Clock;
import java.util.List;

/** The production actions, built over the service's stores, storage and options. */
final class DefaultActions {
  private DefaultActions() {}

  static List<Action> create(FilesServer.Parts parts) {
    ActionContext ctx =
        new ActionContext(
            parts.vertx(),
            parts.stores().primary(),
            parts.stores().list(),
            parts.storage().storage(),
            options(parts.config()),
            new TikaContentInspector(parts.vertx()),
            Clock.systemUTC(),
            parts.signals());
    return List.copyOf(new Actions(ctx).all());
  }

  /** The upload and processing keys of the configuration as the actions' options. */
  static ActionOptions options(ServiceConfig c) {
    return ActionOptions.builder()
        .maxSize(c.number("upload.maxSize"))
        .allowedContentTypes(c.list("upload.allowedTypes"))
        .defaultUrlExpires(c.number("upload.expires"))
        .maxUrlExpires(c.number("upload.maxExpires"))
        .uploadTtl(c.duration("upload.ttl"))
        .downloadExpires(c.duration("download.expires"))
        .maxTries((int) c.number("processing.maxTries"))
        .processingLease(c.duration("processing.lease"))
        .stuckAfter(c.duration("processing.stuckAfter"))
        .retention(c.duration("remove.retention"))
        .headBytes((int) c.number("processing.sniffBytes"))
        .syncPageSize((int) c.number("sync.pageSize"))
        .syncMaxPerRun((int) c.number("sync.maxPerRun"))
        .history(
            new HistoryRetention(
                c.duration("history.maxAge"), (int) c.number("history.maxEntries")))
        .build();
  }
}
