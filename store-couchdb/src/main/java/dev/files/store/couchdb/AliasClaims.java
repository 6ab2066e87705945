package dev.files.store.couchdb;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claimants an alias document names: record uploadId to the version of the write that claimed
 * the alias. The store's own documents name one claimant ({@code uploadId}, {@code version}); a
 * replica's documents also carry {@code claims}, every record whose replicated state holds the
 * alias, because a replica cannot tell from CouchDB alone which of two records holding the same
 * alias is the primary's current holder (the other one is a stale copy that a newer write of that
 * record will correct, and that write releases its claim). The first claimant is the one named by
 * {@code uploadId}; readers try it first and verify every claimant against its record.
 */
record AliasClaims(Map<String, Long> byId) {
  static final String CLAIMS = "claims";

  /** The claimants of an alias document, {@code uploadId} first. */
  static AliasClaims of(JsonObject aliasDoc) {
    Map<String, Long> out = new LinkedHashMap<>();
    String main = aliasDoc.getString("uploadId");
    if (main != null) {
      out.put(main, aliasDoc.getLong("version", 0L));
    }
    JsonObject claims = aliasDoc.getJsonObject(CLAIMS, new JsonObject());
    for (String id : claims.fieldNames()) {
      out.merge(id, claims.getLong(id, 0L), Math::max);
    }
    return new AliasClaims(out);
  }

  /** The version of {@code uploadId}'s claim, or -1 when it has none. */
  long versionOf(String uploadId) {
    return byId.getOrDefault(uploadId, -1L);
  }

  List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  /** These claims with {@code uploadId} claiming at {@code version}, as the first claimant. */
  AliasClaims with(String uploadId, long version) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(uploadId, version);
    byId.forEach((id, v) -> out.putIfAbsent(id, v));
    return new AliasClaims(out);
  }

  AliasClaims without(String uploadId) {
    Map<String, Long> out = new LinkedHashMap<>(byId);
    out.remove(uploadId);
    return new AliasClaims(out);
  }

  /** Only the claimants in {@code keep}. */
  AliasClaims retain(List<String> keep) {
    Map<String, Long> out = new LinkedHashMap<>(byId);
    out.keySet().retainAll(keep);
    return new AliasClaims(out);
  }

  /** The alias document naming these claims (not empty), the first one as {@code uploadId}. */
  JsonObject toDoc(String owner, String alias, String rev, long now) {
    String first = byId.keySet().iterator().next();
    JsonObject claims = new JsonObject();
    byId.forEach(claims::put);
    JsonObject doc =
        new JsonObject()
            .put("_id", CouchDbCodec.aliasId(owner, alias))
            .put("x_alias", true)
            .put("owner", owner)
            .put("alias", alias)
            .put("uploadId", first)
            .put("version", byId.get(first))
            .put("at", now)
            .put(CLAIMS, claims);
    if (rev != null) {
      doc.put("_rev", rev);
    }
    return doc;
  }
}
