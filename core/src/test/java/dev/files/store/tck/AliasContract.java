package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aliases: unique per owner, enforced atomically with the write, freed by moves and deletes. */
public interface AliasContract extends ContractSupport {

  @Test
  default void getByAliasFindsTheOwnersRecord() {
    FileRecord r = create(Records.processed("ann", "beach").alias("sea"));
    create(Records.processed("ann", "dunes").alias("sand"));
    assertEquals(r, await(store().getByAlias("ann", "sea")));
  }

  @Test
  default void getByAliasOfAnUnknownAliasOrOwnerFailsWithNotFound() {
    create(Records.processed("ann", "beach").alias("sea"));
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "lake"));
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("bob", "sea"));
  }

  @Test
  default void aliasesMayHoldSpacesDotsDashesAndUnderscores() {
    FileRecord r = create(Records.processed("ann", "beach").alias("my beach.v1-2_b"));
    assertEquals(r.uploadId(), await(store().getByAlias("ann", "my beach.v1-2_b")).uploadId());
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "my beach"));
  }

  @Test
  default void createWithAnAliasTheOwnerUsesFailsWithAliasTaken() {
    FileRecord first = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord second = Records.processed("ann", "dunes").alias("sea").build();
    assertFails(ErrorCode.ALIAS_TAKEN, store().create(second));
    assertFails(ErrorCode.NOT_FOUND, store().get(second.uploadId()));
    assertEquals(first.uploadId(), await(store().getByAlias("ann", "sea")).uploadId());
  }

  @Test
  default void updateToAnAliasTheOwnerUsesFailsWithAliasTakenAndChangesNothing() {
    FileRecord first = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord second = create(Records.processed("ann", "dunes").alias("sand"));
    assertFails(ErrorCode.ALIAS_TAKEN, store().update(second.toBuilder().alias("sea").build(), 1));
    assertEquals(second, get(second.uploadId()));
    assertEquals(first.uploadId(), await(store().getByAlias("ann", "sea")).uploadId());
    assertEquals(second.uploadId(), await(store().getByAlias("ann", "sand")).uploadId());
  }

  @Test
  default void twoOwnersMayUseTheSameAlias() {
    FileRecord ann = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord bob = create(Records.processed("bob", "beach").alias("sea"));
    assertEquals(ann.uploadId(), await(store().getByAlias("ann", "sea")).uploadId());
    assertEquals(bob.uploadId(), await(store().getByAlias("bob", "sea")).uploadId());
  }

  @Test
  default void keepingItsOwnAliasIsNotTaken() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord v2 = update(v1.toBuilder().name("renamed").build());
    assertEquals(v2, await(store().getByAlias("ann", "sea")));
  }

  @Test
  default void movingAnAliasFreesTheOldOne() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord v2 = update(v1.toBuilder().alias("ocean").build());
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "sea"));
    assertEquals(v2, await(store().getByAlias("ann", "ocean")));
    FileRecord other = create(Records.processed("ann", "lake").alias("sea"));
    assertEquals(other, await(store().getByAlias("ann", "sea")));
  }

  @Test
  default void removingAnAliasFreesIt() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    update(v1.toBuilder().alias(null).build());
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "sea"));
    FileRecord other = create(Records.processed("ann", "lake").alias("sea"));
    assertEquals(other, await(store().getByAlias("ann", "sea")));
  }

  @Test
  default void deleteFreesTheAlias() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    await(store().delete(v1.uploadId(), 1));
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "sea"));
    FileRecord other = create(Records.processed("ann", "lake").alias("sea"));
    assertEquals(other, await(store().getByAlias("ann", "sea")));
  }

  @Test
  default void aliasesCanBeSwappedThroughAThirdName() {
    FileRecord a = create(Records.processed("ann", "a").alias("x"));
    FileRecord b = create(Records.processed("ann", "b").alias("y"));
    a = update(a.toBuilder().alias("tmp").build());
    b = update(b.toBuilder().alias("x").build());
    a = update(a.toBuilder().alias("y").build());
    assertEquals(a, await(store().getByAlias("ann", "y")));
    assertEquals(b, await(store().getByAlias("ann", "x")));
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "tmp"));
  }

  @Test
  default void aSoftDeletedRecordKeepsItsAlias() {
    FileRecord v1 = create(Records.processed("ann", "beach").alias("sea"));
    FileRecord v2 = update(v1.toBuilder().deletedAt(Records.T0 + 9_000).build());
    assertEquals(v2, await(store().getByAlias("ann", "sea")));
    assertFails(
        ErrorCode.ALIAS_TAKEN, store().create(Records.processed("ann", "x").alias("sea").build()));
  }

  @Test
  default void concurrentCreatesRacingForOneAliasHaveExactlyOneWinner() {
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(store().create(Records.processed("ann", "racer" + i).alias("prize").build()));
    }
    List<String> winners = new ArrayList<>();
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.ALIAS_TAKEN, f)) {
        winners.add(f.result().uploadId());
      }
    }
    assertEquals(1, winners.size(), "winners: " + winners);
    assertEquals(winners.get(0), await(store().getByAlias("ann", "prize")).uploadId());
    assertEquals(1, ids(everything(Records.BY_ID)).size());
  }

  @Test
  default void concurrentUpdatesRacingForOneAliasHaveExactlyOneWinner() {
    List<FileRecord> records = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      records.add(Records.processed("ann", "racer" + i).build());
    }
    records = createAll(records);
    List<Future<FileRecord>> racers = new ArrayList<>();
    for (FileRecord r : records) {
      racers.add(store().update(r.toBuilder().alias("prize").build(), 1));
    }
    List<String> winners = new ArrayList<>();
    for (Future<FileRecord> f : racers) {
      if (succeededOr(ErrorCode.ALIAS_TAKEN, f)) {
        winners.add(f.result().uploadId());
      }
    }
    assertEquals(1, winners.size(), "winners: " + winners);
    assertEquals(winners.get(0), await(store().getByAlias("ann", "prize")).uploadId());
    long holders = records.stream().filter(r -> "prize".equals(get(r.uploadId()).alias())).count();
    assertEquals(1, holders);
  }

  @Test
  default void aliasKeysOfOwnersAndAliasesWithSeparatorsNeverCollide() {
    FileRecord a = create(Records.processed("ann", "a").alias("x y"));
    FileRecord b = create(Records.processed("ann x", "b").alias("y"));
    FileRecord c = create(Records.processed("ann:x", "c").alias("y"));
    FileRecord d = create(Records.processed("ann", "d").alias("x.y"));
    FileRecord e = create(Records.processed("{ann}/ü", "e").alias("x y"));
    assertEquals(a.uploadId(), await(store().getByAlias("ann", "x y")).uploadId());
    assertEquals(b.uploadId(), await(store().getByAlias("ann x", "y")).uploadId());
    assertEquals(c.uploadId(), await(store().getByAlias("ann:x", "y")).uploadId());
    assertEquals(d.uploadId(), await(store().getByAlias("ann", "x.y")).uploadId());
    assertEquals(e.uploadId(), await(store().getByAlias("{ann}/ü", "x y")).uploadId());
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann", "x"));
    assertFails(ErrorCode.NOT_FOUND, store().getByAlias("ann x y", ""));
  }

  @Test
  default void aliasesDifferingOnlyInCaseAreDistinct() {
    FileRecord lower = create(Records.processed("ann", "a").alias("sea"));
    FileRecord upper = create(Records.processed("ann", "b").alias("Sea"));
    assertEquals(lower.uploadId(), await(store().getByAlias("ann", "sea")).uploadId());
    assertEquals(upper.uploadId(), await(store().getByAlias("ann", "Sea")).uploadId());
  }
}
