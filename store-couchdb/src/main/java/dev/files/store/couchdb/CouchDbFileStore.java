package dev.files.store.couchdb;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.store.Capability;
import dev.files.store.FileStore;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Report;
import dev.files.store.history.HistoryEntry;
import dev.files.store.history.WriteContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CouchDB store: a thin facade over the document layout ({@link CouchDbCodec}), the alias
 * protocol ({@link Aliases}) and the list translator ({@link CouchDbLister}); {@link CouchClient}
 * translates transport failures once. It keeps no change feed ({@link dev.files.store.ChangeFeed}):
 * the syncer follows Redis, and a feed here would cost one document per write, kept forever.
 *
 * <p>Compare-and-set: a write reads the document (its {@code _rev} and the record's {@code
 * version}), checks the expected version, and writes with that {@code _rev}; CouchDB refuses the
 * write with 409 if anyone wrote in between, which becomes {@code version-conflict}. A create
 * writes without {@code _rev}: 409 there means the uploadId exists ({@code conflict}).
 *
 * <p>History: the entries live inside the record document ({@code x_history}, see {@link
 * CouchDbCodec#withHistory}), so an entry is written by the very document write that makes the
 * change and cannot exist without it: CouchDB's only atomic unit is one document ({@code
 * _bulk_docs} is not all-or-nothing). The retention's cap bounds the document's growth; a delete's
 * tombstone has none, so the history goes with the record.
 */
public final class CouchDbFileStore implements FileStore {
  private static final Logger log = LoggerFactory.getLogger(CouchDbFileStore.class);
  private final CouchClient couch;
  private final Aliases aliases;
  private final CouchDbLister lister;
  private final IndexWarmer warmer;
  private final boolean staleLists;

  private CouchDbFileStore(CouchClient couch, boolean staleLists) {
    this.couch = couch;
    this.aliases = new Aliases(couch, System::currentTimeMillis);
    this.lister = new CouchDbLister(couch, !staleLists);
    this.warmer = new IndexWarmer(couch);
    this.staleLists = staleLists;
  }

  /**
   * Connects to {@code url} (credentials as user info, e.g. {@code http://admin:pw@host:5984}) and
   * creates or migrates the database {@code database} and its indexes. Fails with {@code
   * unavailable} when the server cannot be reached.
   */
  public static Future<CouchDbFileStore> open(Vertx vertx, String url, String database) {
    return open(vertx, CouchDbStoreConfig.of(url, database));
  }

  /** Connects with this configuration (see {@link CouchDbStoreConfig}). */
  public static Future<CouchDbFileStore> open(Vertx vertx, CouchDbStoreConfig config) {
    CouchClient couch = new CouchClient(vertx, config);
    return Schema.ensure(couch)
        .map(
            v -> {
              CouchDbFileStore store = new CouchDbFileStore(couch, config.staleLists());
              if (config.staleLists()) {
                store.warmInBackground("open");
              }
              return store;
            })
        .onFailure(e -> couch.close());
  }

  /**
   * Brings every index up to date (a build from scratch included); completes when done. Rounds
   * coalesce: concurrent callers share them.
   */
  public Future<Void> warmIndexes() {
    return warmer.warm();
  }

  /**
   * With {@code staleLists}: after the store's own writes, the indexes are brought up to date in
   * the background, so lists see the write shortly after without ever waiting for an update.
   */
  private void warmInBackground(String after) {
    long t0 = System.nanoTime();
    warmer
        .warm()
        .onSuccess(
            v -> {
              long ms = (System.nanoTime() - t0) / 1_000_000;
              if (ms >= 1_000) {
                log.info("couchdb indexes up to date after " + after + " in " + ms + " ms");
              }
            })
        .onFailure(
            e ->
                log.warn(
                    "couchdb: updating the indexes after "
                        + after
                        + " failed (lists read them as they are until the next write): "
                        + e.getMessage()));
  }

  private <T> Future<T> afterWrite(Future<T> write) {
    if (staleLists) {
      write.onSuccess(v -> warmInBackground("a write"));
    }
    return write;
  }

  @Override
  public Future<FileRecord> create(FileRecord record) {
    return create(record, WriteContext.unattributed());
  }

  @Override
  public Future<FileRecord> create(FileRecord record, WriteContext context) {
    FileRecord stored = record.toBuilder().version(1).build();
    String id = stored.uploadId();
    return afterWrite(createDoc(stored, id, context));
  }

  private Future<FileRecord> createDoc(FileRecord stored, String id, WriteContext context) {
    return readDoc(id)
        .compose(
            existing -> {
              if (existing != null && !CouchDbCodec.isTombstone(existing)) {
                throw exists(id);
              }
              String base = existing == null ? null : existing.getString("_rev");
              Future<Aliases.Claim> claim =
                  stored.alias() == null ? Future.succeededFuture() : aliases.claim(stored);
              return claim.compose(
                  c ->
                      commit(
                              CouchDbCodec.withHistory(
                                  CouchDbCodec.toDoc(stored, base),
                                  null,
                                  HistoryEntry.of(null, stored, context),
                                  context.retention()),
                              () -> exists(id))
                          .recover(e -> undo(c, id, e))
                          .map(stored));
            });
  }

  private static FileError exists(String uploadId) {
    return new FileError(ErrorCode.CONFLICT, "record " + uploadId + " exists");
  }

  @Override
  public Future<FileRecord> get(String uploadId) {
    return read(uploadId).map(CouchDbCodec::fromDoc);
  }

  @Override
  public Future<FileRecord> getByAlias(String owner, String alias) {
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(CouchDbCodec.aliasId(owner, alias)), null)
        .compose(
            r -> {
              if (r.status() == 404) {
                throw noAlias(alias);
              }
              JsonObject doc = CouchClient.okBody(r, "alias read");
              return firstHolder(owner, alias, AliasClaims.of(doc).ids(), 0);
            });
  }

  /** The first of the claimants {@code ids} (from {@code i}) whose record holds the alias. */
  private Future<FileRecord> firstHolder(String owner, String alias, List<String> ids, int i) {
    if (i >= ids.size()) {
      return Future.failedFuture(noAlias(alias));
    }
    return get(ids.get(i))
        .transform(
            ar -> {
              if (ar.succeeded() && Aliases.holds(ar.result(), owner, alias)) {
                return Future.succeededFuture(ar.result());
              }
              if (ar.failed() && FileError.of(ar.cause()).code() != ErrorCode.NOT_FOUND) {
                return Future.failedFuture(ar.cause());
              }
              return firstHolder(owner, alias, ids, i + 1);
            });
  }

  private static FileError noAlias(String alias) {
    return FileError.notFound("no file with alias '" + alias + "'");
  }

  @Override
  public Future<FileRecord> update(FileRecord record, long expectedVersion) {
    return update(record, expectedVersion, WriteContext.unattributed());
  }

  /** The entry's changes are taken from the document read, which the write's _rev pins. */
  @Override
  public Future<FileRecord> update(FileRecord before, FileRecord after, WriteContext context) {
    return update(after, before.version(), context);
  }

  private Future<FileRecord> update(FileRecord record, long expectedVersion, WriteContext context) {
    return afterWrite(updateDoc(record, expectedVersion, context));
  }

  private Future<FileRecord> updateDoc(
      FileRecord record, long expectedVersion, WriteContext context) {
    return read(record.uploadId())
        .compose(
            doc -> {
              FileRecord old = CouchDbCodec.fromDoc(doc);
              if (old.version() != expectedVersion) {
                throw FileError.versionConflict(record.uploadId(), expectedVersion);
              }
              FileRecord stored =
                  record.toBuilder().owner(old.owner()).version(expectedVersion + 1).build();
              Future<Aliases.Claim> claim =
                  stored.alias() == null ? Future.succeededFuture() : aliases.claim(stored);
              return claim.compose(
                  c ->
                      commit(
                              CouchDbCodec.withHistory(
                                  CouchDbCodec.toDoc(stored, doc.getString("_rev")),
                                  doc,
                                  HistoryEntry.of(old, stored, context),
                                  context.retention()),
                              () -> FileError.versionConflict(stored.uploadId(), expectedVersion))
                          .recover(e -> undo(c, stored.uploadId(), e))
                          .compose(v -> releaseOld(old, stored))
                          .map(stored));
            });
  }

  @Override
  public Future<Void> delete(String uploadId, long expectedVersion) {
    return afterWrite(deleteDoc(uploadId, expectedVersion));
  }

  private Future<Void> deleteDoc(String uploadId, long expectedVersion) {
    return read(uploadId)
        .compose(
            doc -> {
              FileRecord old = CouchDbCodec.fromDoc(doc);
              if (old.version() != expectedVersion) {
                throw FileError.versionConflict(uploadId, expectedVersion);
              }
              String rev = doc.getString("_rev");
              return commit(
                      CouchDbCodec.tombstone(uploadId, rev, expectedVersion + 1),
                      () -> FileError.versionConflict(uploadId, expectedVersion))
                  .compose(v -> releaseOld(old, null));
            });
  }

  @Override
  public Future<Page> list(ListQuery query) {
    return lister.list(query);
  }

  @Override
  public Future<Report> report(String owner) {
    return lister.report(owner);
  }

  @Override
  public Future<List<HistoryEntry>> history(String uploadId, long afterVersion, int limit) {
    return read(uploadId)
        .map(
            doc ->
                CouchDbCodec.history(doc).stream()
                    .filter(e -> e.versionAfter() > afterVersion)
                    .limit(Math.max(0, limit))
                    .toList());
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.INDEXED_SORT, Capability.DURABLE);
  }

  @Override
  public Future<Void> ping() {
    return couch
        .db(HttpMethod.GET, "", null)
        .compose(r -> CouchClient.expectOk(r, "ping"))
        .mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return couch.close();
  }

  /** The {@code _find} request the first batch of {@code query} sends (for {@code _explain}). */
  public JsonObject findRequest(ListQuery query) {
    return lister.firstRequest(query);
  }

  /**
   * Deletes the whole database: for tests and operators' clean-ups, never called by the service.
   */
  public Future<Void> dropDatabase() {
    return couch.db(HttpMethod.DELETE, "", null).mapEmpty();
  }

  /** The live record document; not-found for a missing or deleted record. */
  private Future<JsonObject> read(String uploadId) {
    return readDoc(uploadId)
        .map(
            doc -> {
              if (doc == null || CouchDbCodec.isTombstone(doc)) {
                throw FileError.notFound("no file " + uploadId);
              }
              return doc;
            });
  }

  /** The document as stored (a tombstone included), or null. */
  private Future<JsonObject> readDoc(String uploadId) {
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(uploadId), null)
        .map(r -> r.status() == 404 ? null : CouchClient.okBody(r, "read of " + uploadId));
  }

  /**
   * Writes the record document, compare-and-set through its {@code _rev}; a conflict fails with
   * {@code onConflict}.
   */
  private Future<Void> commit(
      JsonObject recordDoc, java.util.function.Supplier<FileError> onConflict) {
    String uploadId = recordDoc.getString("_id");
    JsonObject body = new JsonObject().put("docs", new JsonArray().add(recordDoc));
    return couch
        .db(HttpMethod.POST, "_bulk_docs", body)
        .map(
            r -> {
              CouchClient.okBody(r, "write of " + uploadId);
              JsonArray results = r.raw() instanceof JsonArray a ? a : new JsonArray();
              JsonObject result = results.isEmpty() ? new JsonObject() : results.getJsonObject(0);
              String error = result.getString("error");
              if ("conflict".equals(error)) {
                throw onConflict.get();
              }
              if (error != null || !results.getJsonObject(0).containsKey("rev")) {
                throw new FileError(
                    ErrorCode.INTERNAL,
                    "CouchDB rejected the write of " + uploadId + ": " + result);
              }
              return null;
            });
  }

  /** After a failed record write: roll back the claim, then fail with the write's error. */
  private <T> Future<T> undo(Aliases.Claim claim, String uploadId, Throwable failure) {
    return aliases
        .rollBack(claim, uploadId)
        .transform(ignored -> Future.failedFuture(FileError.of(failure)));
  }

  /** After a successful write: free the alias the record had before and no longer has. */
  private Future<Void> releaseOld(FileRecord old, FileRecord next) {
    if (old.alias() == null || (next != null && old.alias().equals(next.alias()))) {
      return Future.succeededFuture();
    }
    long version = next == null ? old.version() + 1 : next.version();
    return aliases.release(old.owner(), old.alias(), old.uploadId(), version);
  }
}
