package dev.files.store.couchdb;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The syncer's write side of a CouchDB database: "replicate this record if it is newer" in bulk
 * ({@code _bulk_docs}), in the document layout of {@link CouchDbFileStore} (record documents with
 * their derived fields, alias claims, tombstones that keep the version), plus id/version pages for
 * verification and {@code _local} checkpoint documents.
 *
 * <p>Idempotent by version: a record is written only when the database holds an older version (or
 * nothing); a tombstone of version T (the deleted version plus one) holds back every version below
 * T. Each write carries the {@code _rev} that was read, so a concurrent writer makes it fail with a
 * conflict, and the document is read and decided again.
 */
public final class CouchDbReplica {
  private static final int ROUNDS = 5;

  private final CouchClient couch;
  private final Aliases aliases;
  private final IndexWarmer warmer;

  private CouchDbReplica(CouchClient couch) {
    this.couch = couch;
    this.aliases = new Aliases(couch, System::currentTimeMillis);
    this.warmer = new IndexWarmer(couch);
  }

  /**
   * Brings every list index up to date (after a batch was applied, so that lists reading them
   * without updating, {@code staleLists}, see it). Concurrent callers share rounds: each completes
   * after a round that started after its call.
   */
  public Future<Void> warmIndexes() {
    return warmer.warm();
  }

  /** Connects, creating the database and its indexes like the store does. */
  public static Future<CouchDbReplica> open(Vertx vertx, String url, String database) {
    return open(vertx, CouchDbStoreConfig.of(url, database));
  }

  /** Connects with this configuration (see {@link CouchDbStoreConfig}). */
  public static Future<CouchDbReplica> open(Vertx vertx, CouchDbStoreConfig config) {
    CouchClient couch = new CouchClient(vertx, config);
    return Schema.ensure(couch).map(v -> new CouchDbReplica(couch)).onFailure(e -> couch.close());
  }

  /**
   * The state wanted for one record: {@code record} as the primary holds it now, or null when the
   * primary has none (deleted at {@code deletedVersion}, 0 when unknown).
   */
  public record Wanted(String uploadId, FileRecord record, long deletedVersion) {}

  /** What a batch did: documents written (records and tombstones) and ones already up to date. */
  public record Outcome(int applied, int skipped) {
    public Outcome plus(Outcome o) {
      return new Outcome(applied + o.applied, skipped + o.skipped);
    }
  }

  /** What the database holds for a record id. */
  private record Held(String rev, long version, boolean deleted, FileRecord record) {}

  /**
   * Brings every wanted record to its wanted state unless the database already holds that version
   * or a newer one. With {@code force}, any difference (of version or content) is replaced by the
   * wanted state (repair after the primary went back in time, e.g. an id created again after its
   * delete, or of a copy whose content differs at the same version).
   */
  public Future<Outcome> replicate(List<Wanted> batch, boolean force) {
    Map<String, Wanted> byId = new LinkedHashMap<>();
    batch.forEach(w -> byId.put(w.uploadId(), w));
    return round(byId, force, new Outcome(0, 0), 1);
  }

  private Future<Outcome> round(Map<String, Wanted> todo, boolean force, Outcome sum, int n) {
    if (todo.isEmpty()) {
      return Future.succeededFuture(sum);
    }
    return held(new ArrayList<>(todo.keySet()))
        .compose(
            held -> {
              List<JsonObject> docs = new ArrayList<>();
              Map<String, Held> before = new HashMap<>();
              List<FileRecord> upToDate = new ArrayList<>();
              int skipped = 0;
              for (Wanted w : todo.values()) {
                Held h = held.get(w.uploadId());
                JsonObject doc = decide(w, h, force);
                if (doc == null) {
                  skipped++;
                  if (holdsWantedAlias(w, h)) {
                    upToDate.add(w.record());
                  }
                } else {
                  docs.add(doc);
                  before.put(w.uploadId(), h);
                }
              }
              Outcome done = sum.plus(new Outcome(0, skipped));
              return bulk(docs)
                  .compose(
                      result -> {
                        List<Wanted> written = new ArrayList<>();
                        Map<String, Wanted> retry = new LinkedHashMap<>();
                        for (JsonObject d : docs) {
                          Wanted w = todo.get(d.getString("_id"));
                          if (result.conflicted().contains(w.uploadId())) {
                            retry.put(w.uploadId(), w);
                          } else if (!result.refused().containsKey(w.uploadId())) {
                            written.add(w);
                          }
                        }
                        Outcome next = done.plus(new Outcome(written.size(), 0));
                        return aliasClaims(written, before, upToDate)
                            .compose(v -> afterClaims(result, retry, force, next, n));
                      });
            });
  }

  /**
   * Whether the database already holds {@code w}'s version with its alias: its claim is made again
   * (a no-op when present), so a batch whose claims failed after its records were written heals
   * when it is applied again.
   */
  private static boolean holdsWantedAlias(Wanted w, Held h) {
    return w.record() != null
        && w.record().alias() != null
        && h != null
        && !h.deleted()
        && h.version() == w.record().version();
  }

  /** The next round for the conflicted documents, or the failure a round ended with. */
  private Future<Outcome> afterClaims(
      Bulk result, Map<String, Wanted> retry, boolean force, Outcome next, int n) {
    if (!result.refused().isEmpty()) {
      // permanent: the same documents would be refused again (the syncer parks them)
      return Future.failedFuture(
          new FileError(ErrorCode.INTERNAL, "CouchDB refused " + result.refused()));
    }
    if (!retry.isEmpty() && n >= ROUNDS) {
      return Future.failedFuture(
          FileError.unavailable(
              "CouchDB documents kept changing under the syncer: " + retry.keySet(), null));
    }
    return round(retry, force, next, n + 1);
  }

  /** The document to write for {@code w}, or null when the database is up to date. */
  private static JsonObject decide(Wanted w, Held h, boolean force) {
    FileRecord r = w.record();
    if (r == null) {
      if (h == null || h.deleted()) {
        return null;
      }
      long version = Math.max(w.deletedVersion(), h.version() + 1);
      return CouchDbCodec.tombstone(w.uploadId(), h.rev(), version);
    }
    if (h == null) {
      return CouchDbCodec.toDoc(r, null);
    }
    boolean newer = h.deleted() ? r.version() >= h.version() : r.version() > h.version();
    boolean differs = h.deleted() || !r.equals(h.record());
    if (newer || (force && differs)) {
      return CouchDbCodec.toDoc(r, h.rev());
    }
    return null;
  }

  /** What {@code _bulk_docs} refused: by conflict, and otherwise (id to CouchDB's error). */
  private record Bulk(Set<String> conflicted, Map<String, String> refused) {}

  /** Writes the record documents; the ids CouchDB refused. */
  private Future<Bulk> bulk(List<JsonObject> docs) {
    if (docs.isEmpty()) {
      return Future.succeededFuture(new Bulk(Set.of(), Map.of()));
    }
    JsonObject body = new JsonObject().put("docs", new JsonArray(new ArrayList<Object>(docs)));
    return couch
        .db(HttpMethod.POST, "_bulk_docs", body)
        .map(
            r -> {
              CouchClient.okBody(r, "_bulk_docs of " + docs.size() + " documents");
              Set<String> conflicted = new LinkedHashSet<>();
              Map<String, String> refused = new LinkedHashMap<>();
              JsonArray results = r.raw() instanceof JsonArray a ? a : new JsonArray();
              for (int i = 0; i < results.size(); i++) {
                JsonObject res = results.getJsonObject(i);
                String id = String.valueOf(res.getString("id"));
                String error = res.getString("error");
                if (error == null) {
                  continue;
                }
                if ("conflict".equals(error)) {
                  conflicted.add(id);
                } else {
                  refused.put(id, res.encode());
                }
              }
              return new Bulk(conflicted, refused);
            });
  }

  /**
   * After record documents were written: claims the new aliases for their records (and again for
   * records already up to date) and drops claims of aliases the records no longer hold (readers
   * verify claims against the record, and a claim whose record moved on is stale for writers, so a
   * claim left behind is harmless).
   */
  private Future<Void> aliasClaims(
      List<Wanted> written, Map<String, Held> before, List<FileRecord> upToDate) {
    List<Future<?>> all = new ArrayList<>();
    upToDate.forEach(r -> all.add(aliases.point(r)));
    for (Wanted w : written) {
      FileRecord now = w.record();
      Held h = before.get(w.uploadId());
      FileRecord old = h == null || h.deleted() ? null : h.record();
      if (now != null && now.alias() != null) {
        all.add(aliases.point(now));
      }
      if (old != null && old.alias() != null && (now == null || !old.alias().equals(now.alias()))) {
        // after the claim of the held version, even when a repair wrote an older one
        long droppedAt = Math.max(now == null ? 0 : now.version(), old.version() + 1);
        all.add(aliases.release(old.owner(), old.alias(), old.uploadId(), droppedAt));
      }
    }
    return Future.all(all).mapEmpty();
  }

  /** What the database holds for {@code ids} (absent: never written). */
  private Future<Map<String, Held>> held(List<String> ids) {
    JsonObject body = new JsonObject().put("keys", new JsonArray(new ArrayList<>(ids)));
    return couch
        .db(HttpMethod.POST, "_all_docs?include_docs=true", body)
        .compose(
            r -> {
              JsonArray rows =
                  CouchClient.okBody(r, "_all_docs").getJsonArray("rows", new JsonArray());
              Map<String, Held> out = new HashMap<>();
              List<Future<?>> tombstones = new ArrayList<>();
              for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                JsonObject value = row.getJsonObject("value");
                if (row.getString("error") != null || value == null) {
                  continue;
                }
                String id = row.getString("key");
                String rev = value.getString("rev");
                if (value.getBoolean("deleted", false)) {
                  tombstones.add(
                      tombstoneVersion(id, rev)
                          .map(v -> out.put(id, new Held(rev, v, true, null))));
                } else {
                  JsonObject doc = row.getJsonObject("doc");
                  if (CouchDbCodec.isTombstone(doc)) {
                    out.put(id, new Held(rev, doc.getLong("version", 0L), true, null));
                  } else {
                    FileRecord rec = CouchDbCodec.fromDoc(doc);
                    out.put(id, new Held(rev, rec.version(), false, rec));
                  }
                }
              }
              return Future.all(tombstones).map(x -> out);
            });
  }

  /** The version a tombstone keeps (0 for a deletion by someone else that kept none). */
  private Future<Long> tombstoneVersion(String id, String rev) {
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(id) + "?rev=" + CouchClient.encode(rev), null)
        .map(r -> r.ok() ? r.body().getLong("version", 0L) : 0L);
  }

  /**
   * One page of the database in id order after {@code after} (null: from the start), {@code limit}
   * documents: the live records and the alias documents' claimants among them; {@code next} is
   * where the following page starts, null at the end.
   */
  public Future<Page> page(String after, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("include_docs", true);
    params.put("limit", limit + 1);
    if (after != null) {
      // a JSON string: CouchDB rejects a bare one ("invalid UTF-8 JSON")
      params.put("startkey", Json.encode(after));
    }
    return couch
        .db(HttpMethod.GET, "_all_docs" + CouchClient.query(params), null)
        .map(r -> toPage(CouchClient.okBody(r, "_all_docs"), after, limit));
  }

  private static Page toPage(JsonObject body, String after, int limit) {
    JsonArray rows = body.getJsonArray("rows", new JsonArray());
    Map<String, FileRecord> records = new LinkedHashMap<>();
    List<Claimants> aliases = new ArrayList<>();
    String last = after;
    int seen = 0;
    for (int i = 0; i < rows.size() && seen < limit; i++) {
      JsonObject row = rows.getJsonObject(i);
      String id = row.getString("id");
      if (id.equals(after)) {
        continue;
      }
      seen++;
      last = id;
      JsonObject doc = row.getJsonObject("doc");
      if (doc == null || CouchDbCodec.isTombstone(doc)) {
        continue;
      }
      if (isRecordId(id)) {
        records.put(id, CouchDbCodec.fromDoc(doc));
      } else if (id.startsWith(CouchDbCodec.ALIAS_PREFIX)) {
        aliases.add(claimantsIn(doc));
      }
    }
    return new Page(records, aliases, seen == limit ? last : null);
  }

  private static Claimants claimantsIn(JsonObject aliasDoc) {
    return new Claimants(
        aliasDoc.getString("owner"), aliasDoc.getString("alias"), AliasClaims.of(aliasDoc).ids());
  }

  /**
   * Whether a document id names a record (not an alias or design document, nor a change entry an
   * older release wrote).
   */
  private static boolean isRecordId(String id) {
    return !id.startsWith(CouchDbCodec.ALIAS_PREFIX)
        && !id.startsWith(CouchDbCodec.CHANGE_PREFIX)
        && !id.startsWith("_");
  }

  /** Live records by id and alias documents, in id order; {@code next}: see {@link #page}. */
  public record Page(Map<String, FileRecord> records, List<Claimants> aliases, String next) {}

  /** The records an alias document names as its claimants, in the order readers try them. */
  public record Claimants(String owner, String alias, List<String> uploadIds) {}

  /** The live records among {@code ids} (tombstones and absent ids left out). */
  public Future<Map<String, FileRecord>> recordsOf(List<String> ids) {
    return held(ids)
        .map(
            h -> {
              Map<String, FileRecord> out = new HashMap<>();
              h.forEach(
                  (id, held) -> {
                    if (!held.deleted()) {
                      out.put(id, held.record());
                    }
                  });
              return out;
            });
  }

  /** The claimants of an alias (empty when it has no document). */
  public Future<List<String>> claimantsOf(String owner, String alias) {
    return couch
        .db(HttpMethod.GET, CouchClient.docPath(CouchDbCodec.aliasId(owner, alias)), null)
        .map(
            r ->
                r.status() == 404
                    ? List.of()
                    : claimantsIn(CouchClient.okBody(r, "alias read")).uploadIds());
  }

  /**
   * Repair: makes {@code holder} the only claimant of the alias, or removes the alias document when
   * {@code holder} is null (the primary says nobody holds it).
   */
  public Future<Void> resetAlias(String owner, String alias, FileRecord holder) {
    return aliases.reset(owner, alias, holder);
  }

  /** The current versions of {@code ids} (live records only). */
  public Future<Map<String, Long>> versionsOf(List<String> ids) {
    return held(ids)
        .map(
            h -> {
              Map<String, Long> out = new HashMap<>();
              h.forEach(
                  (id, held) -> {
                    if (!held.deleted()) {
                      out.put(id, held.version());
                    }
                  });
              return out;
            });
  }

  /** The {@code _local} document {@code name} (not replicated, not in any feed), or null. */
  public Future<JsonObject> readLocal(String name) {
    return couch
        .db(HttpMethod.GET, "_local/" + CouchClient.encode(name), null)
        .map(r -> r.status() == 404 ? null : CouchClient.okBody(r, "_local/" + name));
  }

  /** Writes {@code _local/name} (its {@code _rev} taken from {@code doc} when present). */
  public Future<JsonObject> writeLocal(String name, JsonObject doc) {
    return couch
        .db(HttpMethod.PUT, "_local/" + CouchClient.encode(name), doc)
        .map(
            r -> {
              JsonObject body = CouchClient.okBody(r, "_local/" + name);
              return doc.copy().put("_rev", body.getString("rev"));
            });
  }

  /**
   * Changes {@code _local/name} with compare-and-set: reads it (an empty object when missing),
   * applies {@code change}, writes it on the revision read, and starts again when someone else
   * wrote in between.
   */
  public Future<JsonObject> updateLocal(String name, UnaryOperator<JsonObject> change) {
    return updateLocal(name, change, ROUNDS);
  }

  private Future<JsonObject> updateLocal(
      String name, UnaryOperator<JsonObject> change, int attempts) {
    String path = "_local/" + CouchClient.encode(name);
    return readLocal(name)
        .compose(
            cur -> {
              JsonObject base = cur == null ? new JsonObject() : cur;
              JsonObject next = change.apply(base.copy());
              if (base.containsKey("_rev")) {
                next.put("_rev", base.getString("_rev"));
              }
              return couch
                  .db(HttpMethod.PUT, path, next)
                  .compose(
                      r -> {
                        if (r.status() == 409 && attempts > 1) {
                          return updateLocal(name, change, attempts - 1);
                        }
                        JsonObject ok = CouchClient.okBody(r, path);
                        return Future.succeededFuture(next.put("_rev", ok.getString("rev")));
                      });
            });
  }

  public Future<Void> close() {
    return couch.close();
  }
}
