package dev.files.store.sqlite;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Capability;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeFeed;
import dev.files.store.ChangeOp;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.Sort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFileStoreTest {
  private static Vertx vertx;

  @TempDir Path dir;
  private FileStore store;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @BeforeEach
  void open() {
    store = StoreFixture.open(vertx, dir);
  }

  @AfterEach
  void close() {
    await(store.close());
  }

  static FileRecord record(String id, String owner) {
    return FileRecord.builder()
        .uploadId(id)
        .owner(owner)
        .status(Status.PROCESSED)
        .name("name " + id)
        .tags(List.of("a", "b"))
        .custom("c_x", 1)
        .contentLength(10)
        .partCount(1)
        .uploadedAt(1000L)
        .build();
  }

  private static ErrorCode codeOf(Future<?> f) {
    FileError e = assertThrows(FileError.class, () -> await(f));
    return e.code();
  }

  @Test
  void createStoresVersionOneAndGetReturnsIt() {
    FileRecord stored = await(store.create(record("u1", "ann").toBuilder().version(7).build()));
    assertEquals(1, stored.version());
    assertEquals(stored, await(store.get("u1")));
  }

  @Test
  void createOfAnExistingIdIsAConflict() {
    await(store.create(record("u1", "ann")));
    assertEquals(ErrorCode.CONFLICT, codeOf(store.create(record("u1", "bob"))));
  }

  @Test
  void getOfAMissingIdIsNotFound() {
    assertEquals(ErrorCode.NOT_FOUND, codeOf(store.get("nope")));
    assertEquals(ErrorCode.NOT_FOUND, codeOf(store.getByAlias("ann", "nope")));
  }

  @Test
  void aliasIsUniquePerOwnerAndAbsentAliasesDoNotCollide() {
    await(store.create(record("u1", "ann").toBuilder().alias("cat").build()));
    await(store.create(record("u2", "ann")));
    await(store.create(record("u3", "ann")));
    await(store.create(record("u4", "bob").toBuilder().alias("cat").build()));
    assertEquals(
        ErrorCode.ALIAS_TAKEN,
        codeOf(store.create(record("u5", "ann").toBuilder().alias("cat").build())));
    FileRecord u2 = await(store.get("u2"));
    assertEquals(
        ErrorCode.ALIAS_TAKEN, codeOf(store.update(u2.toBuilder().alias("cat").build(), 1)));
    assertEquals(1, await(store.get("u2")).version(), "a failed update changes nothing");
    assertEquals("u1", await(store.getByAlias("ann", "cat")).uploadId());
    assertEquals("u4", await(store.getByAlias("bob", "cat")).uploadId());
  }

  @Test
  void aliasMovesWithUpdateAndIsFreedByDelete() {
    FileRecord u1 = await(store.create(record("u1", "ann").toBuilder().alias("cat").build()));
    await(store.update(u1.toBuilder().alias("dog").build(), 1));
    await(store.create(record("u2", "ann").toBuilder().alias("cat").build()));
    await(store.delete("u1", 2));
    await(store.create(record("u3", "ann").toBuilder().alias("dog").build()));
    assertEquals("u3", await(store.getByAlias("ann", "dog")).uploadId());
  }

  @Test
  void updateIsCompareAndSet() {
    FileRecord u1 = await(store.create(record("u1", "ann")));
    FileRecord v2 = await(store.update(u1.toBuilder().name("renamed").build(), 1));
    assertEquals(2, v2.version());
    assertEquals("renamed", await(store.get("u1")).name());
    assertEquals(
        ErrorCode.VERSION_CONFLICT, codeOf(store.update(u1.toBuilder().name("stale").build(), 1)));
    assertEquals("renamed", await(store.get("u1")).name());
    assertEquals(ErrorCode.NOT_FOUND, codeOf(store.update(record("zz", "ann"), 1)));
  }

  @Test
  void updateNeverChangesTheOwner() {
    FileRecord u1 = await(store.create(record("u1", "ann")));
    FileRecord v2 = await(store.update(u1.toBuilder().owner("mallory").build(), 1));
    assertEquals("ann", v2.owner());
    assertEquals("ann", await(store.get("u1")).owner());
  }

  @Test
  void updateReplacesTagsAndCustomFieldsInTheIndexes() {
    FileRecord u1 = await(store.create(record("u1", "ann")));
    await(store.update(u1.toBuilder().tags(List.of("z")).custom("c_x", null).build(), 1));
    ListQuery q = ListQuery.listed();
    assertEquals(0, await(store.list(q.withTags(List.of("a")))).total());
    assertEquals(1, await(store.list(q.withTags(List.of("z")))).total());
    assertEquals(0, await(store.list(q.withFilter(Filter.of("c_x", Op.EXISTS, true)))).total());
  }

  @Test
  void deleteIsCompareAndSet() {
    await(store.create(record("u1", "ann")));
    assertEquals(ErrorCode.VERSION_CONFLICT, codeOf(store.delete("u1", 2)));
    await(store.delete("u1", 1));
    assertEquals(ErrorCode.NOT_FOUND, codeOf(store.get("u1")));
    assertEquals(ErrorCode.NOT_FOUND, codeOf(store.delete("u1", 1)));
    assertEquals(0, await(store.list(ListQuery.all().withTags(List.of("a")))).total());
  }

  @Test
  void changeFeedFollowsEveryWriteInOrder() {
    FileRecord u1 = await(store.create(record("u1", "ann")));
    await(store.update(u1, 1));
    await(store.create(record("u2", "ann")));
    await(store.delete("u1", 2));
    codeOf(store.update(u1, 1)); // a failed write leaves no trace
    ChangeBatch all = await(feed(store).changes(null, 100));
    List<String> seen = new ArrayList<>();
    for (Change c : all.changes()) {
      seen.add(c.uploadId() + "@" + c.version() + ":" + c.op());
    }
    assertEquals(List.of("u1@1:CREATE", "u1@2:UPDATE", "u2@1:CREATE", "u1@3:DELETE"), seen);
    ChangeBatch first = await(feed(store).changes(null, 2));
    assertEquals(2, first.changes().size());
    ChangeBatch rest = await(feed(store).changes(first.last(), 100));
    assertEquals(all.changes().subList(2, 4), rest.changes());
    ChangeBatch none = await(feed(store).changes(rest.last(), 100));
    assertTrue(none.changes().isEmpty());
    assertEquals(rest.last(), none.last());
    assertEquals(ChangeOp.CREATE, all.changes().get(0).op());
  }

  @Test
  void theChangeFeedKeepsWhatIsConfigured() {
    FileStore small =
        await(
            dev.files.store.FileStoreProvider.named("sqlite")
                .open(
                    vertx,
                    new JsonObject()
                        .put("path", dir.resolve("small.db").toString())
                        .put("changesRetained", 10)));
    try {
      for (int i = 0; i < 25; i++) {
        await(small.create(record("u" + i, "ann")));
      }
      List<Change> kept = await(feed(small).changes(null, 100)).changes();
      assertTrue(kept.size() >= 10 && kept.size() < 25, "kept " + kept.size());
      assertEquals("u24", kept.get(kept.size() - 1).uploadId());
      assertEquals(String.valueOf(25 - kept.size() + 1), kept.get(0).seq());
    } finally {
      await(small.close());
    }
  }

  @Test
  void reportCountsListedRecordsOnly() {
    await(store.create(record("u1", "ann").toBuilder().isPublic(true).build()));
    await(store.create(record("u2", "ann").toBuilder().status(Status.FAILED).build()));
    await(store.create(record("u3", "ann").toBuilder().status(Status.PENDING).build()));
    await(store.create(record("u4", "ann").toBuilder().temp(true).build()));
    await(store.create(record("u5", "bob").toBuilder().contentLength(5).build()));
    Report ann = await(store.report("ann"));
    assertEquals(new Report(2, 1, Map.of(Status.PROCESSED, 1L, Status.FAILED, 1L), 20, 10), ann);
    assertEquals(3, await(store.report(null)).total());
  }

  @Test
  void matchIsUnicodeCaseInsensitiveAndTakesWildcardsLiterally() {
    await(store.create(record("u1", "ann").toBuilder().name("ÉCLAIR 100%_off").build()));
    await(store.create(record("u2", "ann").toBuilder().name("eclair 100 off").build()));
    assertEquals(List.of("u1"), ids(matchName("éclair")));
    assertEquals(List.of("u1"), ids(matchName("%_")));
    assertEquals(List.of("u2", "u1"), ids(matchName("")));
  }

  private Page matchName(String text) {
    return await(store.list(ListQuery.listed().withFilter(Filter.of("name", Op.MATCH, text))));
  }

  @Test
  void booleansNeverEqualNumbers() {
    await(store.create(record("u1", "ann").toBuilder().custom("c_f", true).build()));
    await(store.create(record("u2", "ann").toBuilder().custom("c_f", 1).build()));
    await(store.create(record("u3", "ann").toBuilder().isPublic(true).build()));
    ListQuery q = ListQuery.listed().withSort(Sort.asc("uploadId"));
    assertEquals(List.of("u1"), ids(await(store.list(q.withFilter(Filter.eq("c_f", true))))));
    assertEquals(List.of("u2"), ids(await(store.list(q.withFilter(Filter.eq("c_f", 1L))))));
    assertEquals(List.of("u2"), ids(await(store.list(q.withFilter(Filter.eq("c_f", 1.0))))));
    assertEquals(List.of(), ids(await(store.list(q.withFilter(Filter.eq("public", 1L))))));
    assertEquals(List.of("u3"), ids(await(store.list(q.withFilter(Filter.eq("public", true))))));
  }

  @Test
  void unknownFieldsAreValidationErrors() {
    ListQuery q = ListQuery.listed();
    assertEquals(ErrorCode.VALIDATION, codeOf(store.list(q.withFilter(Filter.eq("nope", "x")))));
    assertEquals(ErrorCode.VALIDATION, codeOf(store.list(q.withSort(Sort.asc("nope")))));
    assertEquals(ErrorCode.VALIDATION, codeOf(feed(store).changes("x", 1)));
  }

  @Test
  void dataSurvivesReopen() {
    await(store.create(record("u1", "ann").toBuilder().alias("cat").build()));
    await(store.close());
    store = StoreFixture.open(vertx, dir);
    assertEquals("u1", await(store.getByAlias("ann", "cat")).uploadId());
    assertEquals(1, await(feed(store).changes(null, 10)).changes().size());
  }

  @Test
  void aClosedStoreIsUnavailable() {
    await(store.close());
    assertEquals(ErrorCode.UNAVAILABLE, codeOf(store.get("u1")));
    assertEquals(ErrorCode.UNAVAILABLE, codeOf(store.create(record("u1", "ann"))));
    assertEquals(ErrorCode.UNAVAILABLE, codeOf(store.ping()));
    await(store.close());
  }

  @Test
  void pingAnswers() {
    await(store.ping());
  }

  @Test
  void capabilitiesSayWhatTheIndexesServe() {
    assertEquals(
        Set.of(
            Capability.INDEXED_SORT,
            Capability.INDEXED_EQUALITY,
            Capability.INDEXED_RANGE,
            Capability.INDEXED_TAGS,
            Capability.INDEXED_CUSTOM_FIELDS,
            Capability.DURABLE),
        store.capabilities());
  }

  @Test
  void providerDefaultsToFilesDbUnderTheDataDir() {
    FileStore other =
        await(
            dev.files.store.FileStoreProvider.named("sqlite")
                .open(vertx, new JsonObject().put("data.dir", dir.resolve("d").toString())));
    try {
      await(other.create(record("u1", "ann")));
      assertTrue(Files.exists(dir.resolve("d").resolve("files.db")));
    } finally {
      await(other.close());
    }
  }

  @Test
  void concurrentCompareAndSetLetsExactlyOneWin() {
    FileRecord u1 = await(store.create(record("u1", "ann")));
    List<Future<FileRecord>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(store.update(u1.toBuilder().name("n" + i).build(), 1));
    }
    await(Future.join(attempts).otherwiseEmpty());
    long won = attempts.stream().filter(Future::succeeded).count();
    assertEquals(1, won);
    assertEquals(2, await(store.get("u1")).version());
  }

  @Test
  void aFailingWriteAmongConcurrentOnesFailsAlone() {
    await(store.create(record("taken", "ann").toBuilder().alias("cat").build()));
    List<Future<FileRecord>> writes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      FileRecord r = record("w" + i, "ann");
      writes.add(store.create(i % 10 == 5 ? r.toBuilder().alias("cat").build() : r));
    }
    await(Future.join(writes).otherwiseEmpty());
    for (int i = 0; i < 30; i++) {
      if (i % 10 == 5) {
        assertEquals(ErrorCode.ALIAS_TAKEN, ((FileError) writes.get(i).cause()).code());
        assertEquals(ErrorCode.NOT_FOUND, codeOf(store.get("w" + i)));
      } else {
        assertEquals(
            record("w" + i, "ann").toBuilder().version(1).build(), await(store.get("w" + i)));
      }
    }
    assertEquals(1 + 27, await(feed(store).changes(null, 100)).changes().size());
    assertEquals(28, await(store.list(ListQuery.all().withTags(List.of("a")))).total());
  }

  @Test
  void aWriteLockHeldByAnotherProcessIsUnavailableAfterTheBusyTimeout() throws Exception {
    Path file = dir.resolve("locked.db");
    FileStore locked =
        await(
            dev.files.store.FileStoreProvider.named("sqlite")
                .open(
                    vertx,
                    new JsonObject().put("path", file.toString()).put("busyTimeoutMs", 100)));
    try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement st = other.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      assertEquals(ErrorCode.UNAVAILABLE, codeOf(locked.create(record("u1", "ann"))));
      st.execute("ROLLBACK");
      await(locked.create(record("u1", "ann")));
    } finally {
      await(locked.close());
    }
  }

  @Test
  void missingDescriptionIsNull() {
    await(store.create(record("u1", "ann")));
    assertNull(await(store.get("u1")).description());
  }

  static List<String> ids(Page p) {
    return p.items().stream().map(FileRecord::uploadId).toList();
  }

  /** The SQLite store keeps a change feed ({@link ChangeFeed}). */
  private static ChangeFeed feed(FileStore store) {
    return (ChangeFeed) store;
  }

  @Test
  void aVersion2DatabaseGetsTheHistoryTableOnOpen() throws Exception {
    await(store.create(record("old", "ann")));
    await(store.close());
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("files.db"));
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE history");
      st.executeUpdate("PRAGMA user_version = 2");
    }
    store = StoreFixture.open(vertx, dir);
    FileRecord old = await(store.get("old"));
    await(
        store.update(
            old,
            old.toBuilder().name("renamed").build(),
            new dev.files.store.history.WriteContext("files.update", "ann", 5, null, null)));
    var h = await(store.history("old", 0, 10));
    assertEquals(1, h.size(), "the history starts with the first write after the migration");
    assertEquals(2, h.get(0).versionAfter());
    assertEquals("renamed", h.get(0).changes().getJsonObject("name").getString("new"));
  }
}
