package dev.files.syncer.cli;

import dev.files.syncer.SyncerConfig;
import dev.files.syncer.SyncerMetrics;
import dev.files.syncer.Verifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code syncer verify [--repair]}: exit 0 when Redis and CouchDB hold the same records and
 * aliases.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Compare records (version and content) and aliases of Redis and CouchDB, list parked"
            + " records; exit 0 on parity, 1 otherwise.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand SyncerCommand parent;

  @Option(names = "--repair", description = "copy every difference from Redis, then check again")
  boolean repair;

  @Option(names = "--show", defaultValue = "20", description = "ids listed per kind of difference")
  int show;

  @Override
  public Integer call() {
    SyncerConfig c = parent.config();
    return SyncerCommand.withEndpoints(
        c,
        ends -> {
          Verifier verifier = new Verifier(c, ends, new SyncerMetrics());
          // Verify reads every record from both ends: about twice what Redis holds.
          long total = 2 * SyncerCommand.await(VerifyProgress.redisRecords(ends));
          Verifier.Report r;
          try (var p =
              ProgressLine.counting(
                  "verify", () -> VerifyProgress.recordsRead(verifier.progress()), () -> total)) {
            r = SyncerCommand.await(verifier.run(repair));
          }
          r.print(System.out, show);
          return r.parity() ? 0 : 1;
        });
  }
}
