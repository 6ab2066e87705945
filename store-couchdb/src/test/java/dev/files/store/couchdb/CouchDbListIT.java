package dev.files.store.couchdb;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.store.memory.MemoryFileStore;
import dev.files.store.tck.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lists, paging and reports against the reference store: the same random records go into both,
 * every query is walked page by page with cursors (and with an offset), and ids, order and totals
 * must be the same. Names are lowercase ASCII (see the collation note in docs/backends/couchdb.md).
 */
class CouchDbListIT extends CouchDbTestBase {
  private static final List<String> OWNERS = List.of("ann", "bob", "cy");
  private static final List<String> WORDS = List.of("beach", "quasar", "dawn", "sea", "moon");

  private final MemoryFileStore reference = new MemoryFileStore();

  private void load(int n) {
    Random rnd = new Random(42);
    List<FileRecord> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FileRecord.Builder b =
          Records.processed(OWNERS.get(rnd.nextInt(3)), WORDS.get(rnd.nextInt(5)) + " " + i)
              .contentLength(1L << rnd.nextInt(20))
              .isPublic(rnd.nextBoolean())
              .directOnly(rnd.nextInt(5) == 0)
              .tags(rnd.nextBoolean() ? List.of("a") : List.of("a", "b"));
      switch (rnd.nextInt(8)) {
        case 0 -> b.status(Status.PENDING).uploadedAt(null).processedAt(null);
        case 1 -> b.status(Status.UPLOADED).processedAt(null);
        case 2 -> b.unlisted(true);
        case 3 -> b.temp(true);
        case 4 -> b.deletedAt(Records.T0);
        default -> {}
      }
      if (rnd.nextInt(4) > 0) {
        b.uploadedAt(Records.T0 + rnd.nextInt(20) * 1000L); // ties on purpose
      } else {
        b.uploadedAt(null);
      }
      if (rnd.nextBoolean()) {
        b.custom("c_n", (long) rnd.nextInt(10));
      }
      all.add(b.build());
    }
    for (FileRecord r : all) {
      await(store.create(r));
      await(reference.create(r));
    }
  }

  private List<ListQuery> queries() {
    ListQuery base = ListQuery.listed().withLimit(7);
    List<ListQuery> qs = new ArrayList<>();
    for (String f :
        List.of("uploadedAt", "contentLength", "name", "uploadId", "status", "c_n", "website")) {
      qs.add(base.withSort(Sort.asc(f)));
      qs.add(base.withSort(Sort.desc(f)));
    }
    qs.add(base.withOwner("ann"));
    qs.add(base.withOwner("bob").withPublicOnly(true).withSort(Sort.asc("contentLength")));
    qs.add(base.withPublicOnly(true));
    qs.add(base.withScope(Scope.ALL));
    qs.add(base.withScope(Scope.ALL).withOwner("cy").withSort(Sort.asc("startedAt")));
    qs.add(base.withScope(Scope.ALL).withPublicOnly(true));
    qs.add(base.withScope(Scope.ALL).withSort(Sort.desc("contentLength")));
    qs.add(base.withOwner("ann").withFilter(Filter.eq("status", "processed")));
    qs.add(
        base.withFilter(
            Filter.all(
                Filter.of("name", Op.MATCH, "QUASAR"), Filter.of("contentLength", Op.GTE, 1000L))));
    qs.add(base.withTags(List.of("b")).withSort(Sort.asc("uploadedAt")));
    qs.add(base.withFilter(Filter.of("c_n", Op.LT, 5L)).withSort(Sort.desc("c_n")));
    qs.add(base.withFilter(Filter.of("uploadedAt", Op.EXISTS, false)));
    qs.add(base.withFilter(Filter.of("status", Op.NE, "processed")).withOwner("bob"));
    return qs;
  }

  @Test
  void everyPageAndTotalMatchTheReferenceStore() {
    load(80);
    for (ListQuery q : queries()) {
      assertEquals(walk(reference, q), walk(store, q), q.toString());
      ListQuery offset = q.withOffset(3);
      Page expected = await(reference.list(offset));
      Page actual = await(store.list(offset));
      assertEquals(ids(expected), ids(actual), "offset " + q);
      assertEquals(expected.total(), actual.total(), "total " + q);
    }
  }

  @Test
  void reportsMatchTheReferenceStore() {
    load(60);
    for (String owner : new String[] {null, "ann", "nobody"}) {
      assertEquals(await(reference.report(owner)), await(store.report(owner)), "owner " + owner);
    }
  }

  /** Every page's ids and total, following cursors to the end. */
  private List<String> walk(dev.files.store.FileStore s, ListQuery q) {
    List<String> out = new ArrayList<>();
    ListQuery next = q;
    for (int pages = 0; next != null; pages++) {
      if (pages > 200) {
        throw new AssertionError("paging does not end: " + q + " at " + out);
      }
      Page p = await(s.list(next));
      out.add("total=" + p.total());
      out.addAll(ids(p));
      next = next.next(p);
    }
    return out;
  }

  private static List<String> ids(Page p) {
    return p.items().stream().map(FileRecord::uploadId).toList();
  }
}
