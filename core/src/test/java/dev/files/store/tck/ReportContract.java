package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** files.report: counts and byte sums over listed records, per owner and for all. */
public interface ReportContract extends ContractSupport {

  private void reportable() {
    createAll(
        List.of(
            Records.processed("ann", "a").contentLength(100).isPublic(true).build(),
            Records.processed("ann", "b").contentLength(200).build(),
            Records.uploaded("ann", "c").contentLength(400).isPublic(true).directOnly(true).build(),
            Records.processed("ann", "d").contentLength(800).status(Status.FAILED).build(),
            Records.processed("bob", "e").contentLength(1_600).isPublic(true).build(),
            Records.processed("bob", "f").contentLength(3_200).status(Status.PROCESSING).build(),
            // never listed, so never reported
            Records.pending("ann", "g").contentLength(10_000).isPublic(true).build(),
            Records.processed("ann", "h").contentLength(20_000).temp(true).build(),
            Records.processed("ann", "i").contentLength(40_000).unlisted(true).build(),
            Records.processed("bob", "j")
                .contentLength(80_000)
                .isPublic(true)
                .deletedAt(Records.T0)
                .build()));
  }

  @Test
  default void reportOfOneOwnerCountsItsListedRecords() {
    reportable();
    Report ann = await(store().report("ann"));
    assertEquals(4, ann.total());
    assertEquals(2, ann.publicCount());
    assertEquals(1_500, ann.totalContentLength());
    assertEquals(500, ann.publicContentLength());
    assertEquals(
        Map.of(Status.PROCESSED, 2L, Status.UPLOADED, 1L, Status.FAILED, 1L), ann.byStatus());
    Report bob = await(store().report("bob"));
    assertEquals(
        new Report(2, 1, Map.of(Status.PROCESSED, 1L, Status.PROCESSING, 1L), 4_800, 1_600), bob);
  }

  @Test
  default void reportOfEveryOwnerSumsThemAll() {
    reportable();
    assertEquals(
        new Report(
            6,
            3,
            Map.of(
                Status.PROCESSED,
                3L,
                Status.UPLOADED,
                1L,
                Status.FAILED,
                1L,
                Status.PROCESSING,
                1L),
            6_300,
            2_100),
        await(store().report(null)));
  }

  @Test
  default void reportOfAnOwnerWithoutRecordsIsZero() {
    reportable();
    assertEquals(new Report(0, 0, Map.of(), 0, 0), await(store().report("nobody")));
  }

  @Test
  default void reportOfAnEmptyStoreIsZero() {
    assertEquals(new Report(0, 0, Map.of(), 0, 0), await(store().report(null)));
  }

  @Test
  default void reportFollowsUpdatesAndDeletes() {
    FileRecord a = create(Records.processed("ann", "a").contentLength(100));
    FileRecord b = create(Records.processed("ann", "b").contentLength(200).isPublic(true));
    update(a.toBuilder().contentLength(150).isPublic(true).build());
    await(store().delete(b.uploadId(), b.version()));
    assertEquals(
        new Report(1, 1, Map.of(Status.PROCESSED, 1L), 150, 150), await(store().report("ann")));
    FileRecord a2 = get(a.uploadId());
    update(a2.toBuilder().deletedAt(Records.T0).build());
    assertEquals(new Report(0, 0, Map.of(), 0, 0), await(store().report("ann")));
  }
}
