package dev.files.store.history;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The fields a write changed, {@code {field: {"old": ..., "new": ...}}}; a field absent on one side
 * has no {@code old} or {@code new}. Bookkeeping fields are left out ({@code version} is the
 * entry's own, {@code leaseUntil} moves with every processing claim), and so is everything that
 * must never be shown in a history: the stored {@code postAction} (a caller's instructions, which
 * may carry credentials of its own), and signed upload locations and their headers.
 */
public final class FieldChanges {
  private static final Set<String> LEFT_OUT =
      Set.of("version", "leaseUntil", "postAction", "provenance");
  private static final Set<String> PART_SECRETS = Set.of("location", "headers");

  private FieldChanges() {}

  public static JsonObject between(FileRecord before, FileRecord after) {
    JsonObject old = before == null ? new JsonObject() : shown(before);
    JsonObject now = after == null ? new JsonObject() : shown(after);
    Set<String> fields = new LinkedHashSet<>(old.fieldNames());
    fields.addAll(now.fieldNames());
    JsonObject out = new JsonObject();
    for (String f : fields) {
      Object a = old.getValue(f);
      Object b = now.getValue(f);
      if (Objects.equals(a, b) || (before == null && isEmpty(b))) {
        continue;
      }
      JsonObject change = new JsonObject();
      if (a != null) {
        change.put("old", a);
      }
      if (b != null) {
        change.put("new", b);
      }
      out.put(f, change);
    }
    return out;
  }

  private static JsonObject shown(FileRecord r) {
    JsonObject j = FileRecordJson.toJson(r);
    LEFT_OUT.forEach(j::remove);
    if (j.getValue("files") instanceof io.vertx.core.json.JsonArray parts) {
      for (Object p : parts) {
        if (p instanceof JsonObject part) {
          PART_SECRETS.forEach(part::remove);
        }
      }
    }
    return j;
  }

  /** A create lists the values it sets, not the defaults (false, 0, empty) it leaves. */
  private static boolean isEmpty(Object v) {
    return v == null
        || Boolean.FALSE.equals(v)
        || (v instanceof Number n && n.longValue() == 0 && n.doubleValue() == 0)
        || (v instanceof io.vertx.core.json.JsonArray a && a.isEmpty());
  }
}
