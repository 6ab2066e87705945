package dev.files.store.sqlite;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import dev.files.store.Sort;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 2's tables kept by triggers. The counts table answers the totals of queries that
 * select on scope, owner, visibility and status only: it must agree with counting the rows through
 * every kind of write, and a version 1 database gets it, filled, when opened. The name trigram
 * index narrows name matches without changing them.
 */
class SchemaVersion2Test {
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

  /** Queries whose totals come from the counts table. */
  private static List<ListQuery> countedQueries() {
    List<ListQuery> out = new ArrayList<>();
    for (Scope scope : Scope.values()) {
      for (String owner : new String[] {null, "ann", "bob", "nobody"}) {
        for (boolean pub : new boolean[] {false, true}) {
          ListQuery q = ListQuery.all().withScope(scope).withOwner(owner).withPublicOnly(pub);
          out.add(q);
          for (Status status : Status.values()) {
            out.add(q.withFilter(Filter.eq("status", status.wire())));
          }
          out.add(
              q.withFilter(
                  Filter.all(Filter.eq("status", "processed"), Filter.eq("status", "pending"))));
        }
      }
    }
    return out;
  }

  /** Each counted total equals the row count of the same selection (a no-op range forces it). */
  private static void assertTotalsExact(FileStore store) {
    Filter everyRow = Filter.of("contentLength", Op.GTE, 0L);
    for (ListQuery q : countedQueries()) {
      assertTrue(SqliteLister.countedTotal(q) != null, "served by the counts table: " + q);
      ListQuery rowCounted = q.withFilter(Filter.all(q.filter(), everyRow));
      assertEquals(null, SqliteLister.countedTotal(rowCounted), "counted by rows: " + q);
      assertEquals(
          await(store.list(rowCounted)).total(), await(store.list(q)).total(), q.toString());
    }
  }

  private static FileRecord record(int i) {
    return FileRecord.builder()
        .uploadId(String.format("r%03d", i))
        .owner(i % 3 == 0 ? "ann" : "bob")
        .status(i % 4 == 0 ? Status.PENDING : Status.PROCESSED)
        .name("n" + i)
        .isPublic(i % 2 == 0)
        .directOnly(i % 5 == 0)
        .contentLength(i)
        .partCount(1)
        .uploadedAt(1000L + i)
        .build();
  }

  private static List<FileRecord> createSome(FileStore store, int n) {
    List<FileRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(await(store.create(record(i))));
    }
    return out;
  }

  @Test
  void totalsStayExactThroughCreatesUpdatesAndDeletes() {
    FileStore store = StoreFixture.open(vertx, dir);
    try {
      List<FileRecord> rows = createSome(store, 40);
      assertTotalsExact(store);
      for (int i = 0; i < rows.size(); i += 3) {
        FileRecord r = rows.get(i);
        FileRecord changed =
            switch (i % 4) {
              case 0 -> r.toBuilder().status(Status.PROCESSED).build();
              case 1 -> r.toBuilder().deletedAt(5000L).build();
              case 2 -> r.toBuilder().isPublic(!r.isPublic()).build();
              default -> r.toBuilder().name("renamed").build();
            };
        rows.set(i, await(store.update(changed, r.version())));
      }
      assertTotalsExact(store);
      for (int i = 1; i < rows.size(); i += 4) {
        await(store.delete(rows.get(i).uploadId(), rows.get(i).version()));
      }
      assertTotalsExact(store);
      assertEquals(30, await(store.list(ListQuery.all().withScope(Scope.ALL))).total());
    } finally {
      await(store.close());
    }
  }

  @Test
  void aVersionOneDatabaseGetsItsCountsWhenOpened() throws Exception {
    FileStore store = StoreFixture.open(vertx, dir);
    createSome(store, 25);
    await(store.close());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("files.db"));
        Statement st = c.createStatement()) {
      for (String trigger : new String[] {"insert", "update", "delete"}) {
        st.executeUpdate("DROP TRIGGER files_counts_" + trigger);
        st.executeUpdate("DROP TRIGGER files_grams_" + trigger);
      }
      st.executeUpdate("DROP TABLE counts");
      st.executeUpdate("DROP TABLE name_grams");
      st.executeUpdate("DROP INDEX files_owner_by_contentLength");
      st.executeUpdate("DROP TABLE history");
      st.executeUpdate("PRAGMA user_version = 1");
    }
    FileStore reopened = StoreFixture.open(vertx, dir);
    try {
      assertEquals(25, await(reopened.list(ListQuery.all().withScope(Scope.ALL))).total());
      assertTotalsExact(reopened);
      assertEquals(
          List.of("r017"),
          ids(reopened, Filter.of("name", Op.MATCH, "N17")),
          "names of records from before the upgrade are in the trigram index");
      await(reopened.create(record(99)));
      assertEquals(List.of("r099"), ids(reopened, Filter.of("name", Op.MATCH, "n99")));
      assertEquals(26, await(reopened.list(ListQuery.all().withScope(Scope.ALL))).total());
      assertTotalsExact(reopened);
    } finally {
      await(reopened.close());
    }
  }

  private static List<String> ids(FileStore store, Filter filter) {
    return await(
            store.list(
                ListQuery.all()
                    .withScope(Scope.ALL)
                    .withFilter(filter)
                    .withSort(Sort.asc("uploadId"))
                    .withLimit(100)))
        .items()
        .stream()
        .map(FileRecord::uploadId)
        .toList();
  }

  /**
   * The trigram index only narrows: names whose Java lower case holds the needle through İ (U+0130)
   * or the Kelvin sign (U+212A), renamed and deleted records, all as the exact test says.
   */
  @Test
  void nameMatchesThroughTheTrigramIndexAreExact() {
    FileStore store = StoreFixture.open(vertx, dir);
    try {
      String[] names = {
        "Quasar one", "QUASAR-İstanbul", "xİ end", "\u212Aelvin scale", "quasa r", "qu", "Ωmega"
      };
      List<FileRecord> rows = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        rows.add(await(store.create(record(i).toBuilder().name(names[i]).build())));
      }
      assertEquals(List.of("r000", "r001"), ids(store, Filter.of("name", Op.MATCH, "quasar")));
      assertEquals(List.of("r002"), ids(store, Filter.of("name", Op.MATCH, "xi")));
      assertEquals(List.of("r002"), ids(store, Filter.of("name", Op.MATCH, "xi\u0307 e")));
      assertEquals(List.of("r003"), ids(store, Filter.of("name", Op.MATCH, "kelvin")));
      assertEquals(List.of(), ids(store, Filter.of("name", Op.MATCH, "istanbul")));
      assertEquals(List.of("r001"), ids(store, Filter.of("name", Op.MATCH, "i\u0307stan")));
      assertEquals(List.of("r006"), ids(store, Filter.of("name", Op.MATCH, "ωme")));
      assertEquals(List.of("r004"), ids(store, Filter.of("name", Op.MATCH, "sa r")));
      FileRecord renamed = rows.get(0).toBuilder().name("pulsar").build();
      await(store.update(renamed, rows.get(0).version()));
      await(store.delete(rows.get(1).uploadId(), rows.get(1).version()));
      assertEquals(List.of(), ids(store, Filter.of("name", Op.MATCH, "quasar")));
      assertEquals(List.of("r000"), ids(store, Filter.of("name", Op.MATCH, "pulsar")));
    } finally {
      await(store.close());
    }
  }

  @Test
  void aNewerSchemaIsRefused() throws Exception {
    await(StoreFixture.open(vertx, dir).close());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("files.db"));
        Statement st = c.createStatement()) {
      st.executeUpdate("PRAGMA user_version = " + (Schema.VERSION + 1));
    }
    assertThrows(RuntimeException.class, () -> StoreFixture.open(vertx, dir));
  }
}
