package dev.files.store.couchdb;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-owner alias uniqueness with one alias document per (owner, alias), written with
 * compare-and-set on its {@code _rev}, so concurrent writers on any number of service instances
 * agree on one holder.
 *
 * <p>The protocol, for a write that stores record R (version V) with alias A:
 *
 * <ol>
 *   <li>Claim: create the alias document {@code (R, V, now)}; or, when it exists, replace it (with
 *       its {@code _rev}) if it already names R or is stale; otherwise A is taken. A conflict on
 *       either write means another writer got there first: read again.
 *   <li>Write R with its own {@code _rev}.
 *   <li>If step 2 failed and step 1 created or took over the document, delete it again (roll back).
 *       After a successful write that dropped an old alias, delete the old alias document if it
 *       still names R.
 * </ol>
 *
 * A claim is <em>stale</em> (the alias is free) when the record it names no longer holds the alias:
 * the record exists at the claim's version or later without the alias, or the claim is older than
 * {@link #LEASE_MS} and the record does not hold the alias (missing, deleted, or never written
 * because its writer failed). A claim whose record does hold the alias is never stale. So a
 * roll-back or release that fails (the server went away mid-step) leaves no dangling alias: readers
 * verify the pointer, and the next claimant takes the document over.
 */
final class Aliases {
  /** How long a claim whose record write has not (yet) happened keeps the alias. */
  static final long LEASE_MS = 60_000;

  private static final int ATTEMPTS = 5;
  private static final Logger LOG = Logger.getLogger(Aliases.class.getName());

  private final CouchClient couch;
  private final LongSupplier clock;

  Aliases(CouchClient couch, LongSupplier clock) {
    this.couch = couch;
    this.clock = clock;
  }

  /** A claim made: the alias document's id and revision, and whether this write created it. */
  record Claim(String id, String rev, boolean taken) {}

  /** Claims {@code next.alias()} for {@code next}; fails with {@code alias-taken}. */
  Future<Claim> claim(FileRecord next) {
    return claim(next, ATTEMPTS);
  }

  private Future<Claim> claim(FileRecord next, int attempts) {
    if (attempts == 0) {
      return Future.failedFuture(FileError.aliasTaken(next.alias()));
    }
    String id = RecordDocs.aliasId(next.owner(), next.alias());
    String path = CouchClient.docPath(id);
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(
            current -> {
              if (current.status() == 404) {
                return put(next, null, true, attempts);
              }
              JsonObject doc = CouchClient.okBody(current, "alias lookup");
              String rev = doc.getString("_rev");
              if (next.uploadId().equals(doc.getString("uploadId"))) {
                return put(next, rev, false, attempts);
              }
              return isStale(doc)
                  .compose(
                      stale ->
                          stale
                              ? put(next, rev, true, attempts)
                              : Future.failedFuture(FileError.aliasTaken(next.alias())));
            });
  }

  private Future<Claim> put(FileRecord next, String rev, boolean taken, int attempts) {
    JsonObject doc = RecordDocs.aliasDoc(next, rev, clock.getAsLong());
    String id = doc.getString("_id");
    return couch
        .db(HttpMethod.PUT, CouchClient.docPath(id), doc)
        .compose(
            r -> {
              if (r.status() == 409) {
                return claim(next, attempts - 1);
              }
              return CouchClient.expectOk(r, "alias claim")
                  .map(ok -> new Claim(id, ok.body().getString("rev"), taken));
            });
  }

  /**
   * Points the alias document of {@code r} at {@code r} whoever holds it (for replicas of a primary
   * that already enforces uniqueness); retries on a concurrent change of the document.
   */
  Future<Void> point(FileRecord r) {
    return point(r, ATTEMPTS);
  }

  private Future<Void> point(FileRecord r, int attempts) {
    String id = RecordDocs.aliasId(r.owner(), r.alias());
    String path = CouchClient.docPath(id);
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(
            current -> {
              String rev = current.ok() ? current.body().getString("_rev") : null;
              return couch.db(HttpMethod.PUT, path, RecordDocs.aliasDoc(r, rev, clock.getAsLong()));
            })
        .compose(
            put -> {
              if (put.status() == 409 && attempts > 1) {
                return point(r, attempts - 1);
              }
              CouchClient.okBody(put, "alias pointer " + id);
              return Future.<Void>succeededFuture();
            });
  }

  /** Whether the claim in {@code aliasDoc} no longer holds its alias. */
  private Future<Boolean> isStale(JsonObject aliasDoc) {
    String holder = aliasDoc.getString("uploadId");
    long claimVersion = aliasDoc.getLong("version", 0L);
    boolean expired = clock.getAsLong() - aliasDoc.getLong("at", 0L) > LEASE_MS;
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(holder), null)
        .map(
            r -> {
              if (r.status() == 404 || RecordDocs.isTombstone(r.body())) {
                return expired;
              }
              FileRecord rec = RecordDocs.fromDoc(CouchClient.okBody(r, "record read"));
              if (holds(rec, aliasDoc.getString("owner"), aliasDoc.getString("alias"))) {
                return false;
              }
              return expired || rec.version() >= claimVersion;
            });
  }

  /** Whether the record holds that alias: what every read through an alias verifies. */
  static boolean holds(FileRecord r, String owner, String alias) {
    return r.owner().equals(owner) && alias.equals(r.alias());
  }

  /** Undoes a claim after the record write failed, if this write created or took it over. */
  Future<Void> rollBack(Claim claim, String uploadId) {
    if (claim == null || !claim.taken()) {
      return Future.succeededFuture();
    }
    return delete(claim.id(), claim.rev(), uploadId);
  }

  /** Deletes the alias document of {@code old} if it still names that record. Best effort. */
  Future<Void> release(String owner, String alias, String uploadId) {
    String id = RecordDocs.aliasId(owner, alias);
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(id), null)
        .compose(
            r -> {
              if (!r.ok() || !uploadId.equals(r.body().getString("uploadId"))) {
                return Future.<Void>succeededFuture();
              }
              return delete(id, r.body().getString("_rev"), uploadId);
            })
        .recover(e -> logged(e, id, uploadId));
  }

  private Future<Void> delete(String id, String rev, String uploadId) {
    String path = CouchClient.docPath(id) + CouchClient.query(java.util.Map.of("rev", rev));
    return couch
        .db(HttpMethod.DELETE, path, null)
        .<Void>mapEmpty()
        .recover(e -> logged(e, id, uploadId));
  }

  private static Future<Void> logged(Throwable e, String aliasId, String uploadId) {
    // Not an error for the caller: a claim left behind is stale and free to take (class doc).
    LOG.log(
        Level.WARNING,
        "could not remove alias document "
            + aliasId
            + " of uploadId "
            + uploadId
            + ": "
            + FileError.of(e).getMessage());
    return Future.succeededFuture();
  }
}
