package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.store.couchdb.CouchDbReplica.Wanted;
import dev.files.store.tck.Records;
import dev.files.syncer.cli.SyncerCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** verify finds each kind of difference, repairs them, and says so in its exit code. */
class VerifyIT extends SyncerTestBase {

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

  /**
   * Same ids and versions on both sides, yet CouchDB differs: a record's content at the same
   * version and a lost alias pointer. Verify finds both (it compares digests and alias resolution,
   * not only versions) and repair fixes both.
   */
  @Test
  void verifyComparesContentAndAliasesNotOnlyVersions() {
    List<FileRecord> records = createMany(20, 20);
    FileRecord a = records.get(0);
    FileRecord aliased = await(primary.update(a.toBuilder().alias("a1").build(), a.version()));
    await(new Backfill(config, ends, metrics).run(false));
    assertTrue(verify(false).parity(), () -> verify(false).toString());

    FileRecord r2 = records.get(2);
    FileRecord tampered = r2.toBuilder().name("tampered").build();
    await(ends.couch().replicate(List.of(new Wanted(r2.uploadId(), tampered, 0)), true));
    await(ends.couch().resetAlias(a.owner(), "a1", null));

    Verifier.Report report = verify(false);
    assertFalse(report.parity());
    assertEquals(List.of(), report.versionMismatch());
    assertEquals(List.of(r2.uploadId()), report.contentMismatch());
    assertEquals(List.of(a.owner() + "/a1"), report.aliasMismatch());
    assertEquals(1, cli("verify"));

    assertEquals(0, cli("verify", "--repair"));
    assertTrue(verify(false).parity(), () -> verify(false).toString());
    assertEquals(r2.name(), await(couchStore.get(r2.uploadId())).name());
    assertEquals(aliased, await(couchStore.getByAlias(a.owner(), "a1")));
  }

  /**
   * More differences than the Redis pool lets wait for a connection (poolWaiting, 256): verify and
   * repair look them up a chunk at a time instead of failing with "max wait queue size".
   */
  @Test
  void verifyAndRepairManyMoreDifferencesThanThePoolQueues() {
    int many = 600;
    List<String> ids = createMany(many, 50).stream().map(FileRecord::uploadId).sorted().toList();

    Verifier.Report report = verify(false);
    assertFalse(report.parity());
    assertEquals(many, report.redisRecords());
    assertEquals(ids, report.missing());

    Verifier.Report repaired = verify(true);
    assertTrue(repaired.parity(), repaired::toString);
    assertEquals(many, repaired.repaired());
    assertEquals(many, verify(false).couchRecords());
  }

  private int cli(String... command) {
    List<String> args = storeArgs();
    args.addAll(List.of(command));
    return new CommandLine(new SyncerCommand()).execute(args.toArray(String[]::new));
  }
}
