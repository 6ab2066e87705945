package dev.files.store.sqlite;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Direction;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.store.memory.MemoryFileStore;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random records and random queries, answered by the sqlite store and by the reference memory
 * store: pages, totals and cursor walks must agree exactly. Seeded, so a failure repeats.
 */
class SqliteMatchesReferenceTest {
  private static final List<String> FIELDS =
      List.of(
          "uploadId",
          "owner",
          "name",
          "description",
          "website",
          "alias",
          "status",
          "uploadType",
          "contentLength",
          "parts",
          "startedAt",
          "uploadedAt",
          "processedAt",
          "public",
          "directOnly",
          "temp",
          "unlisted",
          "deletedAt",
          "version",
          "c_mixed",
          "c_num",
          "c_none");
  private static final List<String> WORDS =
      List.of(
          "alpha",
          "Beta",
          "ÉCLAIR",
          "éclair",
          "quasar",
          "100%_off",
          "a_b",
          "",
          "ß",
          "zeta",
          "\uFF01wide",
          "😀smile",
          "Zed");
  private static final List<Object> OPERANDS =
      List.of(
          "alpha",
          "beta",
          "éclair",
          "Q",
          "%",
          "_",
          "",
          "ß",
          "m",
          "\uFF01",
          "😀",
          0L,
          1L,
          2L,
          5L,
          100L,
          2.5,
          -1.5,
          true,
          false,
          "processed",
          "ann",
          "t1");

  private static Vertx vertx;

  @TempDir Path dir;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @Test
  void randomQueriesAgreeWithTheReferenceStore() {
    Random rnd = new Random(Long.getLong("seed", 42));
    FileStore sqlite = StoreFixture.open(vertx, dir);
    FileStore memory = new MemoryFileStore();
    try {
      List<Future<FileRecord>> writes = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        FileRecord r = randomRecord(rnd, i);
        writes.add(sqlite.create(r));
        await(memory.create(r));
      }
      writes.forEach(Await::await);
      for (int i = 0; i < Integer.getInteger("queries", 600); i++) {
        ListQuery q = randomQuery(rnd);
        compare(sqlite, memory, q, "query " + i);
      }
    } finally {
      await(sqlite.close());
    }
  }

  private static void compare(FileStore sqlite, FileStore memory, ListQuery q, String what) {
    Page expected;
    try {
      expected = await(memory.list(q));
    } catch (FileError e) {
      return; // the reference rejects it (e.g. an operand of the wrong type); nothing to compare
    }
    Page actual = await(sqlite.list(q));
    String context = what + ": " + q;
    assertEquals(ids(expected), ids(actual), context);
    assertEquals(expected.total(), actual.total(), context);
    assertEquals(expected.next(), actual.next(), context);
    // walk on by cursor, a few pages
    ListQuery next = q.next(expected);
    for (int page = 0; next != null && page < 4; page++) {
      Page e = await(memory.list(next));
      Page a = await(sqlite.list(next));
      assertEquals(ids(e), ids(a), context + " page " + page);
      assertEquals(e.total(), a.total(), context);
      assertEquals(e.next(), a.next(), context);
      next = next.next(e);
    }
  }

  private static List<String> ids(Page p) {
    return p.items().stream().map(FileRecord::uploadId).toList();
  }

  private static FileRecord randomRecord(Random rnd, int i) {
    FileRecord.Builder b =
        FileRecord.builder()
            .uploadId(String.format("u%03d", rnd.nextInt(1000)) + "-" + i)
            .owner(pick(rnd, List.of("ann", "bob", "cat", "\uFF01z", "😀o")))
            .status(pick(rnd, List.of(Status.values())))
            .name(pick(rnd, WORDS) + " " + pick(rnd, WORDS))
            .contentLength(rnd.nextInt(4) * 50L)
            .partCount(1 + rnd.nextInt(3))
            .isPublic(rnd.nextBoolean())
            .directOnly(rnd.nextInt(4) == 0)
            .unlisted(rnd.nextInt(8) == 0)
            .temp(rnd.nextInt(8) == 0);
    if (rnd.nextBoolean()) {
      b.description(pick(rnd, WORDS));
    }
    if (rnd.nextInt(3) == 0) {
      b.website("https://" + pick(rnd, WORDS));
    }
    if (rnd.nextInt(3) == 0) {
      b.alias("al" + i);
    }
    if (rnd.nextBoolean()) {
      b.uploadType(pick(rnd, List.of("image", "video")));
    }
    b.startedAt(rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(5));
    b.uploadedAt(rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(6));
    b.processedAt(rnd.nextBoolean() ? null : (long) rnd.nextInt(100));
    b.deletedAt(rnd.nextInt(10) == 0 ? 7L : null);
    List<String> tags = new ArrayList<>();
    for (String t : List.of("t1", "t2", "t3")) {
      if (rnd.nextBoolean()) {
        tags.add(t);
      }
    }
    b.tags(tags);
    int m = rnd.nextInt(7);
    Object mixed =
        switch (m) {
          case 0 -> true;
          case 1 -> false;
          case 2 -> (long) rnd.nextInt(3);
          case 3 -> 2.5;
          case 4 -> pick(rnd, WORDS);
          default -> null;
        };
    b.custom("c_mixed", mixed);
    if (rnd.nextBoolean()) {
      b.custom("c_num", rnd.nextBoolean() ? (Object) (long) rnd.nextInt(4) : rnd.nextInt(4) + 0.5);
    }
    return b.build();
  }

  private static ListQuery randomQuery(Random rnd) {
    ListQuery q = rnd.nextBoolean() ? ListQuery.listed() : ListQuery.all().withScope(Scope.ALL);
    if (rnd.nextInt(3) == 0) {
      q = q.withOwner(pick(rnd, List.of("ann", "bob", "zed")));
    }
    q = q.withPublicOnly(rnd.nextInt(4) == 0);
    if (rnd.nextInt(4) == 0) {
      q = q.withTags(rnd.nextBoolean() ? List.of("t1") : List.of("t2", "t3"));
    }
    List<Filter> filters = new ArrayList<>();
    int n = rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      filters.add(randomFilter(rnd));
    }
    q = q.withFilter(new Filter.All(filters));
    Sort sort = new Sort(pick(rnd, FIELDS), rnd.nextBoolean() ? Direction.ASC : Direction.DESC);
    return q.withSort(sort)
        .withLimit(1 + rnd.nextInt(12))
        .withOffset(rnd.nextInt(4) == 0 ? rnd.nextInt(5) : 0);
  }

  private static Filter randomFilter(Random rnd) {
    if (rnd.nextInt(8) == 0) {
      return new Filter.AnyMatch(
          List.of("name", "description", "c_mixed", "contentLength"), pick(rnd, WORDS));
    }
    String field = pick(rnd, FIELDS);
    Op op = pick(rnd, List.of(Op.values()));
    Object value =
        switch (op) {
          case EXISTS, ISEMPTY -> rnd.nextBoolean();
          case MATCH ->
              pick(rnd, List.of("a", "É", "%", "_", "", "q", "😀", "ß", "k", "KEL", "i", "İ"));
          case SOME -> List.of(pick(rnd, OPERANDS), pick(rnd, OPERANDS), pick(rnd, OPERANDS));
          default -> pick(rnd, OPERANDS);
        };
    return Filter.of(field, op, value);
  }

  private static <T> T pick(Random rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
