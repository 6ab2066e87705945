package dev.files.store.couchdb;

import dev.files.model.FileRecord;
import dev.files.model.FileRecordJson;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.query.FilterTerms;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The name-substring index: the view {@code suffixes} of {@code _design/files-name} emits, for
 * every position of a record's lower-cased name, the next {@value #KEY_LENGTH} characters (every
 * character outside printable ASCII written as DEL, U+007F), with {@code [owner, listed, public,
 * contentLength, uploadedAt]} as the value. The records whose name contains a text are then those
 * with a row in the key range {@code [text, text + "\ufff0"]} (the text cut to {@value #KEY_LENGTH}
 * characters): one short range read instead of every record. The range is a superset (a longer text
 * is matched by its first characters; DEL is ignorable in ICU collation); a row whose key starts
 * with the lower-cased text is a match at that position, exactly, since no text holds DEL. When the
 * rows decide the whole query ({@link #rowsDecide}) only the page's documents are read; otherwise
 * every candidate's document is read and checked with the reference matcher.
 *
 * <p>Only printable-ASCII texts of at least {@value #MIN_TEXT} characters use it. Their lower-case
 * form is the same in Java ({@code Values.contains}) and JavaScript, and on printable-ASCII keys
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
            + "  var s = doc.name.toLowerCase().replace(/[^\\x20-\\x7e]/g, '\\x7f');\n"
            + "  var seen = {};\n"
            + "  for (var i = 0; i + "
            + MIN_TEXT
            + " <= s.length; i++) {\n"
            + "    var k = s.substring(i, i + "
            + KEY_LENGTH
            + ");\n"
            + "    if (seen[k] !== true) {\n"
            + "      seen[k] = true;\n"
            + "      emit(k, [doc.owner, doc.x_listed === true, doc.x_public === true,\n"
            + "        doc.contentLength, doc.uploadedAt]);\n"
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
   * The longest text of a {@code name MATCH text} condition among the query's conjuncts that this
   * index can serve, or null.
   */
  static String usableText(ListQuery q) {
    String best = null;
    for (Filter each : FilterTerms.conjuncts(q.filter())) {
      if (each instanceof Filter.Condition c) {
        String t = usable(c);
        if (t != null && (best == null || t.length() > best.length())) {
          best = t;
        }
      }
    }
    return best;
  }

  private static String usable(Filter.Condition c) {
    if (!c.field().equals("name") || c.op() != Op.MATCH || !(c.value() instanceof String s)) {
      return null;
    }
    boolean ascii = s.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    return ascii && s.length() >= MIN_TEXT ? s : null;
  }

  /**
   * Fields a row carries (besides the name position): filters and sorts on them need no document.
   */
  static final Set<String> ROW_FIELDS = Set.of("uploadId", "owner", "contentLength", "uploadedAt");

  /**
   * Whether the rows alone decide the query exactly: one name condition whose text fits in a key
   * ({@value #KEY_LENGTH} characters: a row matches when its key starts with the lower-cased text,
   * non-ASCII being written as DEL, which no text holds), every other condition and the sort on
   * {@link #ROW_FIELDS}, no tags, and visibility given by the partition. Then only the page's
   * documents are read.
   */
  static boolean rowsDecide(ListQuery q, String text) {
    if (text.length() > KEY_LENGTH
        || !q.tags().isEmpty()
        || !ROW_FIELDS.contains(q.sort().field())
        || (q.scope() == dev.files.store.Scope.ALL && q.publicOnly())) {
      return false;
    }
    List<Filter> conditions = FilterTerms.conjuncts(q.filter());
    int names = 0;
    for (Filter f : conditions) {
      if (!(f instanceof Filter.Condition c)) {
        return false;
      }
      if (c.field().equals("name")) {
        if (usable(c) == null) {
          return false;
        }
        names++;
      } else if (!ROW_FIELDS.contains(c.field())) {
        return false;
      }
    }
    return names == 1;
  }

  /** Whether a row's record matches the query (for queries the rows decide, see above). */
  static boolean matches(ListQuery q, String text, Row row, FileRecord summary) {
    if (!row.key().startsWith(text.toLowerCase(Locale.ROOT))) {
      return false;
    }
    List<Filter> conditions = FilterTerms.conjuncts(q.filter());
    for (Filter f : conditions) {
      Filter.Condition c = (Filter.Condition) f;
      if (!c.field().equals("name")
          && !dev.files.store.query.RecordMatcher.test(
              c.op(), summary.field(c.field()), c.value())) {
        return false;
      }
    }
    return q.owner() == null || q.owner().equals(summary.owner());
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

  /** One row of the view: a record whose name may hold the text, with what the row carries. */
  record Row(String id, String key, String owner, Long contentLength, Long uploadedAt) {
    /** The fields a row carries, as a record the reference matcher and order can read. */
    FileRecord summary() {
      JsonObject j =
          new JsonObject()
              .put("uploadId", id)
              .put("owner", owner)
              .put("status", "processed")
              .put("contentLength", contentLength)
              .put("uploadedAt", uploadedAt);
      return FileRecordJson.fromJson(j);
    }
  }

  /**
   * The rows of the records in {@code partition} (and of {@code owner} when not null) whose name
   * may contain {@code text}, or null when there are more than {@code max} rows (the text is not
   * selective: the caller takes another way).
   */
  static Future<List<Row>> candidates(
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
              List<Row> out = new ArrayList<>(rows.size());
              for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                JsonArray v = row.getJsonArray("value");
                if (v != null && inPartition(v, partition) && ownedBy(v, owner)) {
                  out.add(
                      new Row(
                          row.getString("id"),
                          row.getString("key"),
                          v.getString(0),
                          number(v.getValue(3)),
                          number(v.getValue(4))));
                }
              }
              return out;
            });
  }

  private static Long number(Object v) {
    return v instanceof Number n ? n.longValue() : null;
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
