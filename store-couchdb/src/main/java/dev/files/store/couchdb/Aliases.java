package dev.files.store.couchdb;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A replica of a primary (the syncer) does not claim: it {@link #point points} and {@link
 * #release releases}, keeping in the document every record whose replicated copy holds the alias
 * (see {@link AliasClaims}), because it cannot tell a stale copy from the current holder. A claim
 * never moves back in version, and a release removes only the releasing record's older claim.
 */
final class Aliases {
  /** How long a claim whose record write has not (yet) happened keeps the alias. */
  static final long LEASE_MS = 60_000;

  private static final int ATTEMPTS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(Aliases.class);

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
    String id = CouchDbCodec.aliasId(next.owner(), next.alias());
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
    JsonObject doc = CouchDbCodec.aliasDoc(next, rev, clock.getAsLong());
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
   * Adds {@code r}'s claim to its alias document, whoever else claims it (for replicas of a primary
   * that already enforces uniqueness; see {@link AliasClaims}). A claim never moves back in
   * version: a document where {@code r} already claims at its version or a later one is left alone.
   * Other claimants whose record in this database no longer holds the alias are dropped on the way.
   * Retries on a concurrent change of the document.
   */
  Future<Void> point(FileRecord r) {
    return point(r, ATTEMPTS);
  }

  private Future<Void> point(FileRecord r, int attempts) {
    String id = CouchDbCodec.aliasId(r.owner(), r.alias());
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(id), null)
        .compose(
            current -> {
              if (current.status() == 404) {
                return putClaims(r.owner(), r.alias(), null, one(r));
              }
              JsonObject doc = CouchClient.okBody(current, "alias pointer " + id);
              AliasClaims claims = AliasClaims.of(doc);
              if (claims.versionOf(r.uploadId()) >= r.version()) {
                return Future.succeededFuture(true);
              }
              List<String> others = claims.without(r.uploadId()).ids();
              return holding(r.owner(), r.alias(), others)
                  .compose(
                      held ->
                          putClaims(
                              r.owner(),
                              r.alias(),
                              doc.getString("_rev"),
                              claims.retain(held).with(r.uploadId(), r.version())));
            })
        .compose(
            written -> {
              if (written) {
                return Future.<Void>succeededFuture();
              }
              if (attempts > 1) {
                return point(r, attempts - 1);
              }
              return Future.failedFuture(
                  FileError.unavailable("alias document " + id + " kept changing", null));
            });
  }

  private static AliasClaims one(FileRecord r) {
    return new AliasClaims(Map.of(r.uploadId(), r.version()));
  }

  /** Writes the claims (deletes the document when none is left); false on a conflict. */
  private Future<Boolean> putClaims(String owner, String alias, String rev, AliasClaims claims) {
    String path = CouchClient.docPath(CouchDbCodec.aliasId(owner, alias));
    Future<CouchClient.Reply> write =
        claims.isEmpty()
            ? couch.db(HttpMethod.DELETE, path + CouchClient.query(Map.of("rev", rev)), null)
            : couch.db(HttpMethod.PUT, path, claims.toDoc(owner, alias, rev, clock.getAsLong()));
    return write.compose(
        w -> {
          if (w.status() == 409 || w.status() == 404) {
            return Future.succeededFuture(false);
          }
          return CouchClient.expectOk(w, "alias document of " + alias).map(true);
        });
  }

  /** Which of the records {@code ids} hold the alias in this database now. */
  private Future<List<String>> holding(String owner, String alias, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject body = new JsonObject().put("keys", new JsonArray(new ArrayList<>(ids)));
    return couch
        .db(HttpMethod.POST, "_all_docs?include_docs=true", body)
        .map(
            r -> {
              JsonArray rows =
                  CouchClient.okBody(r, "alias holders").getJsonArray("rows", new JsonArray());
              List<String> out = new ArrayList<>();
              for (int i = 0; i < rows.size(); i++) {
                JsonObject doc = rows.getJsonObject(i).getJsonObject("doc");
                if (doc != null
                    && !CouchDbCodec.isTombstone(doc)
                    && holds(CouchDbCodec.fromDoc(doc), owner, alias)) {
                  out.add(doc.getString("_id"));
                }
              }
              return out;
            });
  }

  /**
   * Makes {@code holder} the alias's only claimant, or removes the alias document when {@code
   * holder} is null (repair: the primary said who holds it).
   */
  Future<Void> reset(String owner, String alias, FileRecord holder) {
    return reset(owner, alias, holder, ATTEMPTS);
  }

  private Future<Void> reset(String owner, String alias, FileRecord holder, int attempts) {
    String path = CouchClient.docPath(CouchDbCodec.aliasId(owner, alias));
    return couch
        .db(HttpMethod.GET, path, null)
        .compose(
            current -> {
              String rev = current.ok() ? current.body().getString("_rev") : null;
              if (holder == null && rev == null) {
                return Future.succeededFuture(true);
              }
              AliasClaims claims = holder == null ? new AliasClaims(Map.of()) : one(holder);
              return putClaims(owner, alias, rev, claims);
            })
        .compose(
            written -> {
              if (written) {
                return Future.<Void>succeededFuture();
              }
              if (attempts > 1) {
                return reset(owner, alias, holder, attempts - 1);
              }
              return Future.failedFuture(
                  FileError.unavailable("alias document of " + alias + " kept changing", null));
            });
  }

  /** Whether no claimant in {@code aliasDoc} holds its alias any more. */
  private Future<Boolean> isStale(JsonObject aliasDoc) {
    AliasClaims claims = AliasClaims.of(aliasDoc);
    List<Future<Boolean>> each = new ArrayList<>();
    for (String holder : claims.ids()) {
      each.add(isStale(aliasDoc, holder, claims.versionOf(holder)));
    }
    return Future.all(each).map(all -> each.stream().allMatch(Future::result));
  }

  /** Whether {@code holder}'s claim (at {@code claimVersion}) no longer holds the alias. */
  private Future<Boolean> isStale(JsonObject aliasDoc, String holder, long claimVersion) {
    boolean expired = clock.getAsLong() - aliasDoc.getLong("at", 0L) > LEASE_MS;
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(holder), null)
        .map(
            r -> {
              if (r.status() == 404 || CouchDbCodec.isTombstone(r.body())) {
                return expired;
              }
              FileRecord rec = CouchDbCodec.fromDoc(CouchClient.okBody(r, "record read"));
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

  /**
   * Removes {@code uploadId}'s claim from the alias document after the write that gives the record
   * {@code version} dropped the alias; a claim made at that version or later (the record took the
   * alias again) stays, and so do other records' claims. The document goes when no claim is left.
   * Best effort: a claim left behind names a record that does not hold the alias, which readers
   * skip and the next claimant drops.
   */
  Future<Void> release(String owner, String alias, String uploadId, long version) {
    return release(owner, alias, uploadId, version, ATTEMPTS)
        .recover(e -> logged(e, CouchDbCodec.aliasId(owner, alias), uploadId));
  }

  private Future<Void> release(
      String owner, String alias, String uploadId, long version, int attempts) {
    String id = CouchDbCodec.aliasId(owner, alias);
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(id), null)
        .compose(
            r -> {
              if (!r.ok()) {
                return Future.succeededFuture(true);
              }
              AliasClaims claims = AliasClaims.of(r.body());
              long claimed = claims.versionOf(uploadId);
              if (claimed < 0 || claimed >= version) {
                return Future.succeededFuture(true);
              }
              return putClaims(owner, alias, r.body().getString("_rev"), claims.without(uploadId));
            })
        .compose(
            done -> {
              if (done) {
                return Future.<Void>succeededFuture();
              }
              if (attempts > 1) {
                return release(owner, alias, uploadId, version, attempts - 1);
              }
              return Future.failedFuture(
                  FileError.unavailable("alias document " + id + " kept changing", null));
            });
  }

  private Future<Void> delete(String id, String rev, String uploadId) {
    String path = CouchClient.docPath(id) + CouchClient.query(Map.of("rev", rev));
    return couch
        .db(HttpMethod.DELETE, path, null)
        .<Void>mapEmpty()
        .recover(e -> logged(e, id, uploadId));
  }

  private static Future<Void> logged(Throwable e, String aliasId, String uploadId) {
    // Not an error for the caller: a claim left behind is stale and free to take (class doc).
    LOG.warn(
        "could not remove alias document "
            + aliasId
            + " of uploadId "
            + uploadId
            + ": "
            + FileError.of(e).getMessage());
    return Future.succeededFuture();
  }
}
