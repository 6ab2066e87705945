package dev.files.store.redis;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record as a Redis hash: one hash field per key of {@link FileRecordJson#toJson}, holding the
 * JSON encoding of its value, so a list query can read just the fields it needs (HMGET). Fields
 * starting with {@code _} are the store's own bookkeeping and never part of the record.
 */
final class RedisCodec {
  private RedisCodec() {}

  /** field, value, field, value... */
  static List<String> fields(FileRecord r) {
    JsonObject j = FileRecordJson.toJson(r);
    List<String> out = new ArrayList<>(j.size() * 2);
    for (Map.Entry<String, Object> e : j) {
      if (e.getValue() != null) {
        out.add(e.getKey());
        out.add(Json.encode(e.getValue()));
      }
    }
    return out;
  }

  /** The record of an HGETALL reply (RESP2 flat array), or null when the hash is empty. */
  static FileRecord fromHash(Response flat) {
    if (flat == null || flat.size() == 0) {
      return null;
    }
    JsonObject j = new JsonObject();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String key = flat.get(i).toString();
      if (!key.startsWith("_")) {
        j.put(key, Json.decodeValue(flat.get(i + 1).toString()));
      }
    }
    return FileRecordJson.fromJson(j);
  }

  /**
   * A partial record from an HMGET of {@code names}: enough for matching and ordering on those
   * fields. Null when the record is gone (no status).
   */
  static FileRecord fromProjection(List<String> names, Response values) {
    JsonObject j = new JsonObject();
    for (int i = 0; i < names.size(); i++) {
      Response v = values.get(i);
      if (v != null) {
        j.put(names.get(i), Json.decodeValue(v.toString()));
      }
    }
    if (j.getString("status") == null || j.getString("owner") == null) {
      return null;
    }
    return FileRecordJson.fromJson(j);
  }
}
