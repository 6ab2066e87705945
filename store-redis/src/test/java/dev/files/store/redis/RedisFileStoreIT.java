package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static dev.files.testing.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Change;
import dev.files.store.ChangeBatch;
import dev.files.store.ChangeOp;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.testing.Await;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes, reads, aliases, the change feed and reports against a real redis-server. */
class RedisFileStoreIT {
  private static Vertx vertx;
  private RedisFileStore store;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    await(vertx.close());
  }

  @BeforeEach
  void open() {
    store = await(RedisTestServer.shared().openFreshStore(vertx));
  }

  @AfterEach
  void close() {
    await(store.close());
  }

  static FileRecord.Builder record(String owner) {
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner(owner)
        .status(Status.PROCESSED)
        .name("file")
        .contentLength(10)
        .uploadedAt(1000L);
  }

  @Test
  void createGetUpdateDelete() {
    FileRecord created = await(store.create(record("ann").version(7).build()));
    assertEquals(1, created.version());
    assertEquals(created, await(store.get(created.uploadId())));

    FileRecord changed = created.toBuilder().name("renamed").custom("c_x", 3).build();
    FileRecord updated = await(store.update(changed, 1));
    assertEquals(2, updated.version());
    assertEquals("renamed", await(store.get(created.uploadId())).name());
    assertEquals(3L, await(store.get(created.uploadId())).custom().get("c_x"));

    assertEquals(ErrorCode.VERSION_CONFLICT, failure(store.update(changed, 1)).code());
    assertEquals(ErrorCode.VERSION_CONFLICT, failure(store.delete(created.uploadId(), 1)).code());
    await(store.delete(created.uploadId(), 2));
    assertEquals(ErrorCode.NOT_FOUND, failure(store.get(created.uploadId())).code());
    assertEquals(ErrorCode.NOT_FOUND, failure(store.update(changed, 2)).code());
    assertEquals(ErrorCode.NOT_FOUND, failure(store.delete(created.uploadId(), 2)).code());
  }

  @Test
  void ownerNeverChangesOnUpdate() {
    FileRecord created = await(store.create(record("ann").build()));
    FileRecord updated = await(store.update(created.toBuilder().owner("bob").build(), 1));
    assertEquals("ann", updated.owner());
    assertEquals("ann", await(store.get(created.uploadId())).owner());
  }

  @Test
  void createTwiceConflicts() {
    FileRecord r = record("ann").build();
    await(store.create(r));
    assertEquals(ErrorCode.CONFLICT, failure(store.create(r)).code());
    assertEquals(
        ErrorCode.CONFLICT,
        failure(store.create(r.toBuilder().owner("someone-else").build())).code());
  }

  @Test
  void aliasesAreUniquePerOwnerAndMove() {
    FileRecord a = await(store.create(record("ann").alias("cat").build()));
    assertEquals(a.uploadId(), await(store.getByAlias("ann", "cat")).uploadId());
    assertEquals(
        ErrorCode.ALIAS_TAKEN, failure(store.create(record("ann").alias("cat").build())).code());
    FileRecord other = await(store.create(record("bob").alias("cat").build()));
    assertEquals(other.uploadId(), await(store.getByAlias("bob", "cat")).uploadId());

    FileRecord b = await(store.create(record("ann").build()));
    assertEquals(
        ErrorCode.ALIAS_TAKEN, failure(store.update(b.toBuilder().alias("cat").build(), 1)).code());
    await(store.update(a.toBuilder().alias("dog").build(), 1));
    assertEquals(ErrorCode.NOT_FOUND, failure(store.getByAlias("ann", "cat")).code());
    await(store.update(b.toBuilder().alias("cat").build(), 1));
    assertEquals(b.uploadId(), await(store.getByAlias("ann", "cat")).uploadId());
    await(store.delete(b.uploadId(), 2));
    assertEquals(ErrorCode.NOT_FOUND, failure(store.getByAlias("ann", "cat")).code());
  }

  @Test
  void aliasTakenCreateLeavesNoTrace() {
    await(store.create(record("ann").alias("cat").build()));
    FileRecord loser = record("ann").alias("cat").build();
    assertEquals(ErrorCode.ALIAS_TAKEN, failure(store.create(loser)).code());
    assertEquals(ErrorCode.NOT_FOUND, failure(store.get(loser.uploadId())).code());
    assertEquals(
        List.of(), keys("*id:" + loser.uploadId()), "a refused create releases its id pointer");
    await(store.create(loser.toBuilder().alias(null).build()));
  }

  @Test
  void concurrentUpdatesOfOneVersionLetExactlyOneWin() {
    FileRecord r = await(store.create(record("ann").build()));
    List<io.vertx.core.Future<FileRecord>> racers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      racers.add(store.update(r.toBuilder().name("n" + i).build(), 1));
    }
    int won = 0;
    for (var f : racers) {
      try {
        await(f);
        won++;
      } catch (dev.files.error.FileError e) {
        assertEquals(ErrorCode.VERSION_CONFLICT, e.code());
      }
    }
    assertEquals(1, won);
    assertEquals(2, await(store.get(r.uploadId())).version());
  }

  @Test
  void changeFeedFollowsEveryWriteInOrder() {
    FileRecord a = await(store.create(record("ann").build()));
    FileRecord b = await(store.create(record("bob").build()));
    await(store.update(a, 1));
    await(store.delete(b.uploadId(), 1));

    ChangeBatch all = await(store.changes(null, 100));
    List<String> seen =
        all.changes().stream().map(c -> c.uploadId() + "/" + c.version() + "/" + c.op()).toList();
    assertEquals(
        List.of(
            a.uploadId() + "/1/CREATE",
            b.uploadId() + "/1/CREATE",
            a.uploadId() + "/2/UPDATE",
            b.uploadId() + "/2/DELETE"),
        seen);

    ChangeBatch first = await(store.changes(null, 3));
    assertEquals(3, first.changes().size());
    ChangeBatch rest = await(store.changes(first.last(), 10));
    assertEquals(1, rest.changes().size());
    Change last = rest.changes().get(0);
    assertEquals(ChangeOp.DELETE, last.op());
    ChangeBatch none = await(store.changes(rest.last(), 10));
    assertTrue(none.changes().isEmpty());
    assertEquals(rest.last(), none.last());
    assertEquals(ErrorCode.VALIDATION, failure(store.changes("garbage", 10)).code());
  }

  @Test
  void changeFeedKeepsTheApplyOrderAcrossShards() {
    var config = RedisTestServer.shared().freshConfig(4).put("batchSize", 10);
    RedisFileStore small = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      written.add(await(small.create(record("owner" + i).build())).uploadId());
    }
    for (int limit : List.of(7, 25)) { // 25: more than one batch (10) per shard stream
      List<String> read = new ArrayList<>();
      String since = null;
      for (int i = 0; i < 20; i++) {
        ChangeBatch b = await(small.changes(since, limit));
        b.changes().forEach(c -> read.add(c.uploadId()));
        since = b.last();
      }
      assertEquals(written, read, "limit " + limit);
    }
    await(small.close());
  }

  @Test
  void withFewerSortIndexesOtherSortsAreStillRight() {
    var config = RedisTestServer.shared().freshConfig(2).put("sortIndexes", List.of("uploadedAt"));
    RedisFileStore small = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
    assertTrue(!small.capabilities().contains(dev.files.store.Capability.INDEXED_SORT));
    assertTrue(store.capabilities().contains(dev.files.store.Capability.INDEXED_SORT));
    for (String name : List.of("b", "c", "a")) {
      await(small.create(record("ann").name(name).build()));
    }
    var page = await(small.list(ListQuery.listed().withSort(dev.files.store.Sort.asc("name"))));
    assertEquals(List.of("a", "b", "c"), page.items().stream().map(FileRecord::name).toList());
    await(small.close());
  }

  @Test
  void reportCountsListedRecords() {
    await(store.create(record("ann").isPublic(true).contentLength(5).build()));
    await(store.create(record("ann").contentLength(7).status(Status.FAILED).build()));
    await(store.create(record("ann").status(Status.PENDING).contentLength(100).build()));
    await(store.create(record("ann").unlisted(true).contentLength(100).build()));
    FileRecord bob = await(store.create(record("bob").contentLength(11).build()));

    Report ann = await(store.report("ann"));
    assertEquals(2, ann.total());
    assertEquals(1, ann.publicCount());
    assertEquals(12, ann.totalContentLength());
    assertEquals(5, ann.publicContentLength());
    assertEquals(Map.of(Status.PROCESSED, 1L, Status.FAILED, 1L), ann.byStatus());

    await(store.update(bob.toBuilder().status(Status.FAILED).build(), 1));
    Report all = await(store.report(null));
    assertEquals(3, all.total());
    assertEquals(23, all.totalContentLength());
    assertEquals(Map.of(Status.PROCESSED, 1L, Status.FAILED, 2L), all.byStatus());
    assertEquals(0, await(store.report("nobody")).total());
  }

  @Test
  void openedThroughTheServiceLoaderByName() {
    FileStore s =
        await(
            FileStoreProvider.named("redis").open(vertx, RedisTestServer.shared().freshConfig(2)));
    await(s.ping());
    assertEquals(0, await(s.list(ListQuery.listed())).total());
    await(s.close());
  }

  @Test
  void keyspaceRemembersItsShardCount() {
    var config = RedisTestServer.shared().freshConfig(2);
    await(new RedisStoreProvider().open(vertx, config)).close();
    var failure = Await.failure(new RedisStoreProvider().open(vertx, config.put("shards", 3)));
    assertTrue(failure.getMessage().contains("shards=2"), failure.getMessage());
  }

  @Test
  void aKeyspaceOfTheOlderLayoutIsRefused() {
    var config = RedisTestServer.shared().freshConfig(2);
    io.vertx.redis.client.Redis raw =
        io.vertx.redis.client.Redis.createClient(vertx, RedisTestServer.shared().url());
    await(
        raw.send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HSET)
                .arg(config.getString("prefix") + "meta")
                .arg("shards")
                .arg("2")));
    await(raw.close());
    var failure = Await.failure(new RedisStoreProvider().open(vertx, config));
    assertTrue(failure.getMessage().contains("older version"), failure.getMessage());
  }

  @Test
  void nameSubstringsFollowRenamesThroughTheGramSets() {
    FileStore store =
        await(
            new RedisStoreProvider()
                .open(vertx, RedisTestServer.shared().freshConfig(2).put("nameGrams", true)));
    FileRecord a = await(store.create(record("ann").name("Quasar Report").build()));
    FileRecord b = await(store.create(record("bob").name("my QUASAR").build()));
    await(store.create(record("ann").name("qua sar").build()));
    ListQuery quasar =
        ListQuery.listed()
            .withFilter(dev.files.store.Filter.of("name", dev.files.store.Op.MATCH, "quasar"));
    assertEquals(2, await(store.list(quasar)).total());
    assertEquals(1, await(store.list(quasar.withOwner("bob"))).total());

    await(store.update(b.toBuilder().name("renamed").build(), 1));
    Page page = await(store.list(quasar));
    assertEquals(1, page.total());
    assertEquals(a.uploadId(), page.items().get(0).uploadId());
    await(store.delete(a.uploadId(), 1));
    assertEquals(0, await(store.list(quasar)).total());
    await(store.close());
  }

  @Test
  void withoutNameGramsSubstringsAreScannedAndTheChoiceIsFixedForTheKeyspace() {
    var config = RedisTestServer.shared().freshConfig(2);
    String prefix = config.getString("prefix");
    FileStore s = await(new RedisStoreProvider().open(vertx, config));
    await(s.create(record("ann").name("Quasar Report").build()));
    await(s.create(record("bob").name("other").build()));
    ListQuery quasar =
        ListQuery.listed()
            .withFilter(dev.files.store.Filter.of("name", dev.files.store.Op.MATCH, "QUASAR"));
    assertEquals(1, await(s.list(quasar)).total());
    assertEquals(List.of(), keys(prefix + "*:g:n:*"));
    await(s.close());
    var failure =
        Await.failure(new RedisStoreProvider().open(vertx, config.put("nameGrams", true)));
    assertTrue(failure.getMessage().contains("nameGrams=false"), failure.getMessage());
  }

  @Test
  void deletingEverythingLeavesNoIndexEntryBehind() {
    var config = RedisTestServer.shared().freshConfig(3).put("nameGrams", true);
    String prefix = config.getString("prefix");
    RedisFileStore s = await(RedisStoreProvider.open(vertx, RedisStoreConfig.from(config)));
    java.util.Random rnd = new java.util.Random(3);
    List<FileRecord> live = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      live.add(
          await(
              s.create(
                  record("o" + rnd.nextInt(4))
                      .alias(rnd.nextBoolean() ? "a" + i : null)
                      .tags(List.of("t" + rnd.nextInt(3)))
                      .isPublic(rnd.nextBoolean())
                      .build())));
    }
    for (int i = 0; i < live.size(); i++) { // move every entry at least once
      FileRecord r = live.get(i);
      FileRecord changed =
          r.toBuilder()
              .status(Status.values()[rnd.nextInt(Status.values().length)])
              .tags(List.of("t" + rnd.nextInt(3), "u"))
              .alias(rnd.nextBoolean() ? null : "b" + i)
              .name("Name " + rnd.nextInt(5))
              .directOnly(rnd.nextBoolean())
              .build();
      live.set(i, await(s.update(changed, r.version())));
    }
    for (FileRecord r : live) {
      await(s.delete(r.uploadId(), r.version()));
    }
    List<String> left = keys(prefix + "*");
    io.vertx.redis.client.Redis raw =
        io.vertx.redis.client.Redis.createClient(vertx, RedisTestServer.shared().url());
    left.removeIf(k -> k.equals(prefix + "meta") || k.endsWith(":changes") || k.endsWith("stats"));
    assertEquals(List.of(), left);
    for (String k : List.of(prefix + "{s0}:g:stats", prefix + "{s1}:g:stats")) {
      var counters =
          await(
              raw.send(
                  io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HVALS).arg(k)));
      counters.forEach(v -> assertEquals(0L, v.toLong(), k));
    }
    await(raw.close());
    await(s.close());
  }

  @Test
  void writesSurviveAFlushedScriptCache() {
    FileRecord r = await(store.create(record("ann").build()));
    io.vertx.redis.client.Redis raw =
        io.vertx.redis.client.Redis.createClient(vertx, RedisTestServer.shared().url());
    await(
        raw.send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SCRIPT).arg("FLUSH")));
    await(raw.close());
    assertEquals(2, await(store.update(r, 1)).version());
  }

  @Test
  void missingRecordsAreNotFound() {
    assertEquals(ErrorCode.NOT_FOUND, failure(store.get("nope")).code());
    assertEquals(ErrorCode.NOT_FOUND, failure(store.getByAlias("ann", "nope")).code());
    assertNull(await(store.changes(null, 10)).last());
  }

  /** The keys matching a pattern (KEYS: fine on the test server's few keys). */
  private static List<String> keys(String pattern) {
    io.vertx.redis.client.Redis raw =
        io.vertx.redis.client.Redis.createClient(vertx, RedisTestServer.shared().url());
    try {
      List<String> out = new ArrayList<>();
      await(
              raw.send(
                  io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.KEYS)
                      .arg(pattern)))
          .forEach(k -> out.add(k.toString()));
      return out;
    } finally {
      raw.close();
    }
  }
}
