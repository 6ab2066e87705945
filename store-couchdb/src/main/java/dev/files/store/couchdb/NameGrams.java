package dev.files.store.couchdb;

import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The name-substring index: the view {@code suffixes} of {@code _design/files-name} emits, for
 * every position of a record's lower-cased name, the next {@value #KEY_LENGTH} characters (every
 * character outside printable ASCII replaced by a space), with {@code [owner, listed, public]} as
 * the value. The records whose name contains a text are then those with a row in the key range
 * {@code [text, text + "\ufff0"]} (the text cut to {@value #KEY_LENGTH} characters): one short
 * range read instead of every record. The range is a superset (a longer text is matched by its
 * first characters, placeholders may match a space); the caller checks every candidate with the
 * reference matcher, so results stay exact.
 *
 * <p>Only printable-ASCII texts of at least {@value #MIN_TEXT} characters use it. Their lower-case
 * form is the same in Java ({@code Values.contains}) and JavaScript, and on keys of printable ASCII
 * CouchDB's ICU collation keeps every string that starts with the text inside the range. The view
 * reads {@code doc.name}, so records stored before it existed are covered as soon as it is built.
 */
final class NameGrams {
  static final String DDOC = "files-name";
  static final String VIEW = "suffixes";
  static final int KEY_LENGTH = 12;
  static final int MIN_TEXT = 3;

  private NameGrams() {}

  static JsonObject designDoc() {
    String map =
        "function (doc) {\n"
            + "  if (doc.x_all !== true || typeof doc.name !== 'string') { return; }\n"
            + "  var s = doc.name.toLowerCase().replace(/[^\\x20-\\x7e]/g, ' ');\n"
            + "  var seen = {};\n"
            + "  for (var i = 0; i + "
            + MIN_TEXT
            + " <= s.length; i++) {\n"
            + "    var k = s.substring(i, i + "
            + KEY_LENGTH
            + ");\n"
            + "    if (seen[k] !== true) {\n"
            + "      seen[k] = true;\n"
            + "      emit(k, [doc.owner, doc.x_listed === true, doc.x_public === true]);\n"
            + "    }\n"
            + "  }\n"
            + "}";
    return Schema.stamped(
        new JsonObject()
            .put("_id", "_design/" + DDOC)
            .put("language", "javascript")
            .put("views", new JsonObject().put(VIEW, new JsonObject().put("map", map))));
  }

  /**
   * The text of a {@code name MATCH text} condition among the query's top-level conditions that
   * this index can serve, or null.
   */
  static String usableText(ListQuery q) {
    Filter f = q.filter();
    if (f instanceof Filter.Condition c) {
      return usable(c);
    }
    if (f instanceof Filter.All all) {
      String best = null;
      for (Filter each : all.filters()) {
        if (each instanceof Filter.Condition c) {
          String t = usable(c);
          if (t != null && (best == null || t.length() > best.length())) {
            best = t;
          }
        }
      }
      return best;
    }
    return null;
  }

  private static String usable(Filter.Condition c) {
    if (!c.field().equals("name") || c.op() != Op.MATCH || !(c.value() instanceof String s)) {
      return null;
    }
    boolean ascii = s.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    return ascii && s.length() >= MIN_TEXT ? s : null;
  }

  /** The key range the records whose name contains {@code text} have rows in. */
  static Map<String, Object> range(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String prefix = lower.length() > KEY_LENGTH ? lower.substring(0, KEY_LENGTH) : lower;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("startkey", Json.encode(prefix));
    params.put("endkey", Json.encode(prefix + "\ufff0"));
    return params;
  }

  /**
   * The ids of the records in {@code partition} (and of {@code owner} when not null) whose name may
   * contain {@code text}, or null when there are more than {@code max} rows (the text is not
   * selective: the caller takes another way).
   */
  static Future<Set<String>> candidates(
      CouchClient couch,
      String text,
      Partition partition,
      String owner,
      int max,
      boolean updateIndex) {
    Map<String, Object> params = range(text);
    params.put("limit", max + 1);
    if (!updateIndex) {
      params.put("update", "false");
    }
    String path = "_design/" + DDOC + "/_view/" + VIEW + CouchClient.query(params);
    return couch
        .db(HttpMethod.GET, path, null)
        .map(
            r -> {
              JsonArray rows =
                  CouchClient.okBody(r, "the name index query")
                      .getJsonArray("rows", new JsonArray());
              if (rows.size() > max) {
                return null;
              }
              Set<String> ids = new LinkedHashSet<>();
              for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                JsonArray v = row.getJsonArray("value");
                if (v != null && inPartition(v, partition) && ownedBy(v, owner)) {
                  ids.add(row.getString("id"));
                }
              }
              return ids;
            });
  }

  private static boolean inPartition(JsonArray v, Partition p) {
    return switch (p) {
      case ALL -> true;
      case LISTED -> Boolean.TRUE.equals(v.getValue(1));
      case PUBLIC -> Boolean.TRUE.equals(v.getValue(2));
    };
  }

  private static boolean ownedBy(JsonArray v, String owner) {
    return owner == null || owner.equals(v.getValue(0));
  }
}
