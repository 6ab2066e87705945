package dev.files.store.sqlite;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/**
 * The capabilities are claims about indexes: these queries must be answered from the index named,
 * in index order (no temporary B-tree for ORDER BY), as SQLite's EXPLAIN QUERY PLAN shows.
 */
class QueryPlanTest {
  @TempDir static Path dir;
  private static Connection conn;

  @BeforeAll
  static void fill() throws Exception {
    Vertx vertx = Vertx.vertx();
    FileStore store = StoreFixture.open(vertx, dir);
    List<Future<FileRecord>> writes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      writes.add(
          store.create(
              FileRecord.builder()
                  .uploadId(String.format("u%04d", i))
                  .owner("owner" + (i % 20))
                  .status(i % 10 == 0 ? Status.PENDING : Status.PROCESSED)
                  .name("name " + i)
                  .alias("alias" + i)
                  .isPublic(i % 2 == 0)
                  .contentLength(i * 37L % 1000)
                  .partCount(1)
                  .uploadedAt((long) i)
                  .tags(List.of("t" + (i % 30), "all"))
                  .custom("c_n", (long) (i % 50))
                  .build()));
    }
    writes.forEach(Await::await);
    await(store.close()); // runs PRAGMA optimize, as a long-running service does on close
    await(vertx.close());

    conn = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("files.db"));
    Function.create(conn, SqliteLister.CONTAINS, new ContainsFunction(), 2, 0);
  }

  @AfterAll
  static void closeConnection() throws Exception {
    conn.close();
  }

  private static String plan(ListQuery q) throws Exception {
    return plan(q, 0);
  }

  /** The plan of one segment of the query: 0 the first read. */
  private static String plan(ListQuery q, int segment) throws Exception {
    SqliteLister.Plan p = SqliteLister.plan(q);
    return explain(p.page(p.segments().get(segment), 11));
  }

  private static String explain(Sql query) throws Exception {
    Sql explain = Sql.of("EXPLAIN QUERY PLAN ").add(query);
    StringBuilder out = new StringBuilder();
    try (PreparedStatement ps = explain.prepare(conn);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.append(rs.getString(4)).append('\n');
      }
    }
    return out.toString();
  }

  private static void assertServedBy(String index, ListQuery q) throws Exception {
    String plan = plan(q);
    assertTrue(plan.contains("INDEX " + index), () -> "expected " + index + " in\n" + plan);
    assertFalse(plan.contains("TEMP B-TREE"), () -> "sorted outside the index:\n" + plan);
  }

  /**
   * A name substring's total reads the rows of its trigram matches only: the count starts from
   * name_grams and looks each row up by rowid, instead of walking the scope's index.
   */
  @Test
  void theTotalOfANameMatchReadsOnlyTheTrigramMatches() throws Exception {
    ListQuery q =
        ListQuery.all()
            .withScope(Scope.ALL)
            .withFilter(
                Filter.all(
                    Filter.of("name", Op.MATCH, "AME 1"),
                    Filter.of("contentLength", Op.GTE, 100L)));
    String plan = explain(SqliteLister.plan(q).count());
    List<String> steps = plan.lines().toList();
    assertTrue(steps.get(0).contains("name_grams"), () -> "not driven by the trigrams:\n" + plan);
    assertTrue(plan.contains("INTEGER PRIMARY KEY (rowid=?)"), () -> "rows not by rowid:\n" + plan);
  }

  @Test
  void theDefaultListIsReadInIndexOrder() throws Exception {
    assertServedBy("files_listed ", ListQuery.listed());
  }

  @Test
  void publicListsOfEveryOwnerAreReadInIndexOrder() throws Exception {
    assertServedBy("files_listed_public", ListQuery.listed().withPublicOnly(true));
  }

  @Test
  void oneOwnersListIsReadInIndexOrder() throws Exception {
    assertServedBy("files_owner", ListQuery.listed().withOwner("owner3"));
  }

  @Test
  void adminListsSortByAnyBuiltInFieldFromItsIndex() throws Exception {
    ListQuery all = ListQuery.all().withScope(Scope.ALL);
    assertServedBy("files_by_uploadedAt", all);
    assertServedBy("files_by_contentLength", all.withSort(Sort.asc("contentLength")));
    assertServedBy("files_by_name", all.withSort(Sort.desc("name")));
  }

  @Test
  void customFieldValuesSortFromTheirIndex() throws Exception {
    // the records having the value: first descending, second ascending (after the missing ones)
    String desc = plan(ListQuery.listed().withSort(Sort.desc("c_n")), 0);
    String asc = plan(ListQuery.all().withScope(Scope.ALL).withSort(Sort.asc("c_n")), 1);
    for (String plan : List.of(desc, asc)) {
      assertTrue(plan.contains("INDEX custom_by_value"), plan);
      assertFalse(plan.contains("TEMP B-TREE"), plan);
    }
  }

  @Test
  void tagsAndCustomFieldsAreLookedUpInTheirIndexes() throws Exception {
    String tags = plan(ListQuery.listed().withTags(List.of("t3")));
    assertTrue(tags.contains("tags"), tags);
    String custom = plan(ListQuery.listed().withFilter(Filter.of("c_n", Op.EQ, 7L)));
    assertTrue(custom.contains("custom_by_value"), custom);
    ListQuery all = ListQuery.all().withScope(Scope.ALL);
    // selective equality (the planner rightly scans in sort order for, say, a status)
    for (String field : List.of("name", "alias", "contentLength")) {
      Object value = field.equals("contentLength") ? (Object) 37L : "x";
      for (Filter f :
          List.of(Filter.eq(field, value), Filter.of(field, Op.SOME, List.of(value, value)))) {
        String eq = plan(all.withSort(Sort.asc("uploadId")).withFilter(f));
        assertTrue(eq.contains("INDEX files_by_" + field), () -> f + "\n" + eq);
      }
    }
    String range =
        plan(
            ListQuery.all()
                .withScope(Scope.ALL)
                .withFilter(Filter.of("contentLength", Op.GT, 990L)));
    assertTrue(range.contains("INDEX files_by_"), range);
  }
}
