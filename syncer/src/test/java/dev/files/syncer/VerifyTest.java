package dev.files.syncer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.tck.Records;
import dev.files.syncer.cli.SyncerCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** verify finds each kind of difference, repairs them, and says so in its exit code. */
class VerifyTest extends SyncerTestBase {

  @Test
  void verifyReportsDifferencesAndRepairFixesThem() {
    List<FileRecord> records = createMany(60, 30);
    await(new Backfill(config, ends, metrics).run(false));
    assertEquals(0, cli("verify"), "parity after the backfill");

    // CouchDB loses one record, Redis moves on without the syncer, CouchDB has one of its own
    await(couchStore.delete(records.get(0).uploadId(), 1));
    FileRecord r1 = records.get(1);
    await(primary.update(r1.toBuilder().name("changed").build(), 1));
    FileRecord stray = await(couchStore.create(Records.processed("x", "stray").build()));

    Verifier.Report report = verify(false);
    assertFalse(report.parity());
    assertEquals(List.of(records.get(0).uploadId()), report.missing());
    assertEquals(List.of(stray.uploadId()), report.extra());
    assertEquals(List.of(r1.uploadId()), report.versionMismatch());
    assertEquals(1, cli("verify"));

    assertEquals(0, cli("verify", "--repair"));
    Verifier.Report after = verify(false);
    assertTrue(after.parity(), after::toString);
    assertEquals(60, after.couchRecords());
    assertEquals("changed", await(couchStore.get(r1.uploadId())).name());
  }

  private int cli(String... command) {
    List<String> args = storeArgs();
    args.addAll(List.of(command));
    return new CommandLine(new SyncerCommand()).execute(args.toArray(String[]::new));
  }
}
