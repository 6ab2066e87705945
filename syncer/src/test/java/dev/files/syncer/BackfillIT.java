package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Backfill in bulk, interrupted and resumed from its checkpoint, then verified. */
class BackfillIT extends SyncerTestBase {
  /** Records of the large backfill: the 10,000 ({@code -Dsyncer.test.records=N}). */
  static final int RECORDS = Integer.getInteger("syncer.test.records", 10_000);

  @Test
  void backfillIsResumableAndVerifyReportsParity() {
    createMany(RECORDS, 200);

    Backfill first = new Backfill(config, ends, metrics).stopAfter(3);
    Backfill.Result stopped = await(first.run(false));
    assertFalse(stopped.finished());
    assertTrue(stopped.copied() > 0 && stopped.copied() < RECORDS, "stopped mid-way");
    JsonObject checkpoint = await(ends.couch().readLocal(Backfill.CHECKPOINT));
    assertNotNull(checkpoint);
    assertEquals(stopped.copied(), checkpoint.getLong("copied"));

    long started = System.nanoTime();
    Backfill second = new Backfill(config, ends, metrics);
    Backfill.Result done = await(second.run(false));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "backfill of %d records (resumed, %d in this run) took %.2f s: %.0f records/s%n",
        RECORDS, done.copied(), seconds, done.copied() / seconds);
    assertTrue(done.finished());
    assertTrue(done.resumed());
    assertEquals(RECORDS - stopped.copied(), done.copied(), "nothing copied twice");

    long verifyStarted = System.nanoTime();
    Verifier.Report report = verify(false);
    System.out.printf(
        "verify of %d records (versions, digests, aliases) took %.2f s%n",
        RECORDS, (System.nanoTime() - verifyStarted) / 1e9);
    assertTrue(report.parity(), () -> "differences: " + report);
    assertEquals(RECORDS, report.redisRecords());
    assertEquals(RECORDS, report.couchRecords());

    Backfill.Result again = await(new Backfill(config, ends, metrics).run(false));
    assertEquals(0, again.copied(), "a finished backfill started again copies nothing");
  }
}
