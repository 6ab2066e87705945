package dev.files.store.tck;

import static org.junit.jupiter.api.Assertions.fail;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.FileStore;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import dev.files.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What every contract needs: the store under test and blocking helpers for the test thread (never
 * an event loop). Implemented by {@link StoreHarness}; the concern interfaces extend it.
 */
public interface ContractSupport {

  /** Enough to read every record of a contract's data set in one page. */
  int ALL = 1000;

  /** The store under test, fresh and empty at the start of each test. */
  FileStore store();

  /**
   * Closes the store under test and opens it again through the fixture's {@link
   * StoreFixture#reopen}, as a restarted process would; the reopened store is the one under test
   * from then on, and the one returned.
   */
  FileStore reopenStore();

  /** The suite's Vert.x instance. */
  Vertx vertx();

  /** Waits for the future ({@link Await#await}); a failure is rethrown (a FileError as itself). */
  default <T> T await(Future<T> future) {
    return Await.await(future);
  }

  /**
   * Waits for the future to fail and returns its failure, which must be a {@link FileError}
   * (backends translate driver errors at their edge).
   */
  default FileError failure(Future<?> future) {
    return Await.failure(future);
  }

  /** Asserts that the future fails with {@code code}. */
  default FileError assertFails(ErrorCode code, Future<?> future) {
    FileError e = failure(future);
    if (e.code() != code) {
      fail("expected " + code.code() + ", got " + e.code().code() + ": " + e.getMessage(), e);
    }
    return e;
  }

  /** Whether the future succeeded (true) or failed with {@code expectedFailure} (false). */
  default boolean succeededOr(ErrorCode expectedFailure, Future<?> future) {
    return succeededOr(java.util.Set.of(expectedFailure), future);
  }

  /** Like {@link #succeededOr(ErrorCode, Future)}, for a loser that may fail in several ways. */
  default boolean succeededOr(java.util.Set<ErrorCode> expectedFailures, Future<?> future) {
    try {
      await(future);
      return true;
    } catch (FileError e) {
      org.junit.jupiter.api.Assertions.assertTrue(
          expectedFailures.contains(e.code()), () -> "unexpected failure " + e);
      return false;
    }
  }

  default FileRecord create(FileRecord.Builder record) {
    return await(store().create(record.build()));
  }

  default FileRecord create(FileRecord record) {
    return await(store().create(record));
  }

  /** Creates the records, a few at a time, and returns what the store answered, in order. */
  default List<FileRecord> createAll(Collection<FileRecord> records) {
    List<FileRecord> out = new ArrayList<>();
    List<FileRecord> batch = new ArrayList<>();
    for (FileRecord r : records) {
      batch.add(r);
      if (batch.size() == 20) {
        out.addAll(createBatch(batch));
        batch.clear();
      }
    }
    out.addAll(createBatch(batch));
    return out;
  }

  private List<FileRecord> createBatch(List<FileRecord> batch) {
    List<Future<FileRecord>> futures = batch.stream().map(store()::create).toList();
    List<FileRecord> out = new ArrayList<>();
    for (Future<FileRecord> f : futures) {
      out.add(await(f));
    }
    return out;
  }

  default FileRecord get(String uploadId) {
    return await(store().get(uploadId));
  }

  default FileRecord update(FileRecord record) {
    return await(store().update(record, record.version()));
  }

  default Page list(ListQuery query) {
    return await(store().list(query));
  }

  /** The uploadIds of one page, in order. */
  default List<String> ids(ListQuery query) {
    return uploadIds(list(query).items());
  }

  /**
   * The uploadIds of the listed records matching the filter, in the order of {@link Records#BY_ID},
   * read in one page.
   */
  default List<String> matching(Filter filter) {
    return ids(ListQuery.listed().withFilter(filter).withSort(Records.BY_ID).withLimit(ALL));
  }

  /** Every uploadId of the query's result, in order, by following cursors. */
  default List<String> walk(ListQuery query) {
    List<String> out = new ArrayList<>();
    ListQuery q = query;
    while (q != null) {
      Page page = list(q);
      if (page.next() != null && page.items().isEmpty()) {
        fail("a page with a next cursor but no records: " + q);
      }
      out.addAll(uploadIds(page.items()));
      if (out.size() > ALL) {
        fail("cursor paging does not end; so far: " + out.subList(0, 50) + "...");
      }
      q = q.next(page);
    }
    return out;
  }

  /** A query over every record (scope ALL) in the given order, in one page. */
  default ListQuery everything(Sort sort) {
    return ListQuery.all().withScope(Scope.ALL).withSort(sort).withLimit(ALL);
  }

  static List<String> uploadIds(Collection<FileRecord> records) {
    return records.stream().map(FileRecord::uploadId).toList();
  }
}
