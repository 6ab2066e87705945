package dev.files.syncer.cli;

import dev.files.syncer.Backfill;
import dev.files.syncer.SyncerConfig;
import dev.files.syncer.SyncerMetrics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code syncer backfill [--restart]}: copies every Redis record to CouchDB, resumably. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Copy every Redis record to CouchDB (_bulk_docs); resumes from its checkpoint after a"
            + " crash.")
final class BackfillCommand implements Callable<Integer> {
  @ParentCommand SyncerCommand parent;

  @Option(names = "--restart", description = "ignore the checkpoint and copy everything again")
  boolean restart;

  @Override
  public Integer call() {
    SyncerConfig c = parent.config();
    return SyncerCommand.withEndpoints(
        c,
        ends -> {
          Backfill backfill = new Backfill(c, ends, new SyncerMetrics());
          Backfill.Result r;
          try (var p = ProgressLine.counting("backfill", backfill::copied, backfill::total)) {
            r = SyncerCommand.await(backfill.run(restart));
          }
          System.out.printf(
              "backfill %s: %d records copied in this run%s%n",
              r.finished() ? "finished" : "stopped",
              r.copied(),
              r.resumed() ? " (resumed from the checkpoint)" : "");
          return r.finished() ? 0 : 1;
        });
  }
}
