package dev.files.syncer;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of a record's content ({@link FileRecordJson#toJson}): SHA-256 over a canonical JSON
 * form (keys sorted at every level, numbers by value), so the same record read from Redis and from
 * CouchDB digests the same whatever key order or number type each decoder produced. 128 bits of it
 * are kept: verify holds one per record of each store.
 */
final class RecordDigest {
  private RecordDigest() {}

  static String of(FileRecord r) {
    StringBuilder sb = new StringBuilder();
    canonical(FileRecordJson.toJson(r), sb);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void canonical(Object v, StringBuilder sb) {
    if (v instanceof JsonObject o) {
      canonical(o.getMap(), sb);
    } else if (v instanceof JsonArray a) {
      canonical(a.getList(), sb);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      new TreeMap<>(m)
          .forEach(
              (k, x) -> {
                if (sb.charAt(sb.length() - 1) != '{') {
                  sb.append(',');
                }
                sb.append(Json.encode(String.valueOf(k))).append(':');
                canonical(x, sb);
              });
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        canonical(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Number n) {
      sb.append(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
    } else {
      sb.append(Json.encode(v));
    }
  }
}
