package dev.files.store.redis;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Sort;
import dev.files.store.memory.MemoryFileStore;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list query answers exactly what the reference store answers, page by page through the
 * cursor, with tiny batches (10) so walks and scans cross many batch and shard boundaries. The
 * subclasses say where Redis runs: one server, or a cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListAgainstReferenceSuite {
  private static final String[] OWNERS = {"ann", "bob", "cy", "dee", "eve"};
  private static final String[] TAGS = {"red", "green", "blue", "x y", "ünï"};
  private static final String[] NAMES = {
    "quasar one",
    "Quasar",
    "alpha",
    "beta",
    "",
    "Ωmega",
    "a\tb",
    "QUASAR-İstanbul",
    "ärger Ärger",
    "quasa r",
    "qu"
  };
  private Vertx vertx;
  private FileStore redis;
  private FileStore reference;

  /** The store configuration of a fresh keyspace with {@code shards} shards. */
  protected abstract JsonObject freshConfig(int shards);

  /** Shards of the keyspace; enough to cross shard boundaries in every list without an owner. */
  protected int shards() {
    return 3;
  }

  @BeforeAll
  void load() {
    vertx = Vertx.vertx();
    reference = new MemoryFileStore();
    var config = freshConfig(shards()).put("batchSize", 10).put("nameGrams", true);
    redis = await(new RedisStoreProvider().open(vertx, config));
    Random rnd = new Random(42);
    List<Future<FileRecord>> writes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      FileRecord r = randomRecord(rnd);
      await(reference.create(r));
      writes.add(redis.create(r));
      if (writes.size() == 50) {
        writes.forEach(Await::await);
        writes.clear();
      }
    }
    writes.forEach(Await::await);
    // some updates and deletes, so index entries are moved and removed
    List<FileRecord> all = await(reference.list(ListQuery.all().withLimit(1000))).items();
    for (int i = 0; i < all.size(); i += 7) {
      FileRecord r = all.get(i);
      FileRecord changed =
          randomRecord(rnd).toBuilder().uploadId(r.uploadId()).owner(r.owner()).build();
      await(reference.update(changed, r.version()));
      await(redis.update(changed, r.version()));
    }
    for (int i = 3; i < all.size(); i += 11) {
      FileRecord r = await(reference.get(all.get(i).uploadId()));
      await(reference.delete(r.uploadId(), r.version()));
      await(redis.delete(r.uploadId(), r.version()));
    }
  }

  @AfterAll
  void close() {
    await(redis.close());
    await(vertx.close());
  }

  private static FileRecord randomRecord(Random rnd) {
    FileRecord.Builder b =
        FileRecord.builder()
            .uploadId(UUID.randomUUID().toString())
            .owner(OWNERS[rnd.nextInt(OWNERS.length)])
            .status(Status.values()[rnd.nextInt(Status.values().length)])
            .name(NAMES[rnd.nextInt(NAMES.length)])
            .isPublic(rnd.nextBoolean())
            .directOnly(rnd.nextInt(5) == 0)
            .unlisted(rnd.nextInt(10) == 0)
            .temp(rnd.nextInt(12) == 0)
            .partCount(1 + rnd.nextInt(3))
            .contentLength(rnd.nextInt(4) == 0 ? 1000 : rnd.nextInt(5000))
            .startedAt(1_000_000L + rnd.nextInt(100))
            .uploadedAt(rnd.nextInt(6) == 0 ? null : 2_000_000L + rnd.nextInt(50))
            .processedAt(rnd.nextBoolean() ? null : 3_000_000L + rnd.nextInt(1000));
    if (rnd.nextBoolean()) {
      b.description(rnd.nextBoolean() ? "" : "about " + NAMES[rnd.nextInt(NAMES.length)]);
    }
    if (rnd.nextInt(3) == 0) {
      b.uploadType(rnd.nextBoolean() ? "image" : "video");
    }
    if (rnd.nextInt(4) == 0) {
      b.deletedAt(5L);
    }
    List<String> tags = new ArrayList<>();
    for (String t : TAGS) {
      if (rnd.nextInt(3) == 0) {
        tags.add(t);
      }
    }
    b.tags(tags);
    if (rnd.nextBoolean()) {
      b.custom("c_n", rnd.nextInt(3) == 0 ? (Object) (rnd.nextInt(10) + 0.5) : rnd.nextInt(10));
    }
    if (rnd.nextInt(3) == 0) {
      b.custom("c_s", rnd.nextBoolean() ? "x" : "y");
    }
    return b.build();
  }

  static Stream<Arguments> queries() {
    List<ListQuery> bases = new ArrayList<>();
    ListQuery listed = ListQuery.listed();
    bases.add(listed);
    bases.add(listed.withPublicOnly(true));
    bases.add(listed.withOwner("ann"));
    bases.add(listed.withOwner("bob").withPublicOnly(true));
    bases.add(ListQuery.all());
    bases.add(ListQuery.all().withOwner("cy"));
    bases.add(ListQuery.all().withPublicOnly(true));
    List<Filter> filters =
        List.of(
            Filter.TRUE,
            Filter.eq("status", "processed"),
            Filter.all(Filter.eq("status", "failed"), Filter.eq("public", true)),
            Filter.of("status", Op.SOME, List.of("processed", "uploaded")),
            Filter.of("name", Op.MATCH, "quasar"),
            Filter.all(
                Filter.of("name", Op.MATCH, "QUASAR"), Filter.of("contentLength", Op.GTE, 1000)),
            Filter.of("processedAt", Op.EXISTS, false),
            Filter.of("description", Op.ISEMPTY, true),
            Filter.of("uploadType", Op.NE, "image"),
            Filter.of("c_n", Op.LT, 5),
            new Filter.AnyMatch(List.of("name", "description"), "ALPHA"),
            Filter.of("name", Op.MATCH, "ÄRG"), // name grams: lower-cased, non-ASCII
            Filter.of("name", Op.MATCH, "asar one"), // more grams than a query uses
            Filter.of("name", Op.MATCH, "qu"), // shorter than a gram: scanned
            Filter.all(Filter.eq("status", "processed"), Filter.of("name", Op.MATCH, "i̇st")),
            Filter.eq("status", "no-such-status"));
    List<List<String>> tagSets =
        List.of(List.of(), List.of("red"), List.of("red", "x y"), List.of("ünï"));
    List<Sort> sorts = new ArrayList<>();
    for (String f :
        List.of(
            "uploadedAt",
            "contentLength",
            "name",
            "uploadId",
            "public",
            "processedAt",
            "description",
            "c_n",
            "c_s")) {
      sorts.add(Sort.asc(f));
      sorts.add(Sort.desc(f));
    }
    List<Arguments> out = new ArrayList<>();
    Random rnd = new Random(7);
    for (ListQuery base : bases) {
      for (Filter f : filters) {
        for (List<String> tags : List.of(List.<String>of(), tagSets.get(1 + rnd.nextInt(3)))) {
          Sort sort = sorts.get(rnd.nextInt(sorts.size()));
          int limit = 1 + rnd.nextInt(40);
          int offset = rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0;
          ListQuery q =
              base.withFilter(f).withTags(tags).withSort(sort).withLimit(limit).withOffset(offset);
          out.add(Arguments.of(describe(q), q));
        }
      }
    }
    for (Sort sort : sorts) { // every sort over the plain listings
      out.add(Arguments.of(describe(listed.withSort(sort)), listed.withSort(sort).withLimit(13)));
      ListQuery own = listed.withOwner("dee").withSort(sort).withLimit(5);
      out.add(Arguments.of(describe(own), own));
    }
    return out.stream();
  }

  private static String describe(ListQuery q) {
    return q.scope()
        + " owner="
        + q.owner()
        + " public="
        + q.publicOnly()
        + " tags="
        + q.tags()
        + " filter="
        + q.filter()
        + " sort="
        + q.sort().field()
        + " "
        + q.sort().direction()
        + " limit="
        + q.limit()
        + " offset="
        + q.offset();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void pagesMatchTheReference(String name, ListQuery query) {
    ListQuery q = query;
    int pages = 0;
    while (q != null && pages++ < 200) {
      Page expected = await(reference.list(q));
      Page actual = await(redis.list(q));
      assertEquals(expected.total(), actual.total(), "total of page " + pages);
      assertEquals(ids(expected), ids(actual), "ids of page " + pages);
      assertEquals(expected.next(), actual.next(), "cursor of page " + pages);
      q = q.next(actual);
    }
  }

  /**
   * Without a total (files.sync's paging) the same pages come back; a residual filter then walks
   * the sort index instead of scanning every candidate.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void pagesWithoutTotalMatchTheReference(String name, ListQuery query) {
    ListQuery q = query.withCountTotal(false);
    int pages = 0;
    while (q != null && pages++ < 200) {
      Page expected = await(reference.list(q));
      Page actual = await(redis.list(q));
      assertEquals(Page.UNCOUNTED, actual.total(), "total of page " + pages);
      assertEquals(ids(expected), ids(actual), "ids of page " + pages);
      assertEquals(expected.next(), actual.next(), "cursor of page " + pages);
      q = q.next(actual);
    }
  }

  private static List<String> ids(Page p) {
    return p.items().stream().map(FileRecord::uploadId).toList();
  }
}
