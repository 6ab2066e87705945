package dev.files.store.couchdb;

import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.query.FilterTerms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the tags and filter tree of a list query into Mango conditions that CouchDB evaluates
 * on the documents an index range yields, so fewer documents travel. The translation is a superset:
 * a document it rejects can never match the query. The store still checks every returned record
 * with {@link dev.files.store.query.RecordMatcher}, the reference, so conditions whose Mango
 * meaning differs in edge cases (collation, case folding) are either bounded to a type or left out:
 *
 * <ul>
 *   <li>eq, some: {@code $eq}, {@code $in} (equal values collate equal);
 *   <li>exists: {@code $gt: null} for true; {@code $eq: null} (fields written as explicit null) or
 *       {@code $exists: false} for false;
 *   <li>gt/gte/lt/lte on numbers and booleans: the range bounded to the operand's type band of
 *       CouchDB's collation (null &lt; booleans &lt; numbers &lt; strings); on strings only the
 *       band, since ICU collation is not code-unit order;
 *   <li>match with printable ASCII text: a {@code $regex} of case-insensitive character classes
 *       (PCRE in CouchDB and JavaScript in pouchdb agree on it);
 *   <li>ne, isempty, #multi, and match with other text: left to the residual check.
 * </ul>
 */
final class Pushdown {
  private final List<JsonObject> conditions = new ArrayList<>();
  private boolean exact = true;

  private Pushdown() {}

  /** The conditions for the query's tags and filter; {@link #exact()} tells if nothing is left. */
  static Pushdown of(ListQuery q) {
    Pushdown p = new Pushdown();
    if (!q.tags().isEmpty()) {
      p.conditions.add(
          new JsonObject()
              .put("tags", new JsonObject().put("$all", new JsonArray(new ArrayList<>(q.tags())))));
    }
    p.add(q.filter());
    return p;
  }

  List<JsonObject> conditions() {
    return conditions;
  }

  /** Whether the conditions select exactly the matching records (no residual check needed). */
  boolean exact() {
    return exact;
  }

  private void add(Filter filter) {
    for (Filter f : FilterTerms.conjuncts(filter)) {
      if (f instanceof Filter.Condition c) {
        add(c);
      } else {
        exact = false;
      }
    }
  }

  private void add(Filter.Condition c) {
    JsonObject op = condition(c);
    if (op == null) {
      exact = false;
    } else {
      conditions.add(new JsonObject().put(c.field(), op));
    }
  }

  private JsonObject condition(Filter.Condition c) {
    Object v = c.value();
    return switch (c.op()) {
      case EQ -> equality(new JsonObject().put("$eq", v), List.of(v));
      case SOME ->
          equality(
              new JsonObject().put("$in", new JsonArray(new ArrayList<>((List<?>) v))),
              (List<?>) v);
      case EXISTS -> exists(c.field(), (Boolean) v);
      case GT, GTE, LT, LTE -> range(c.op(), v);
      case MATCH -> match((String) v);
      case NE, ISEMPTY -> null;
    };
  }

  /** Distinct printable-ASCII strings never collate equal; others might under ICU. */
  private JsonObject equality(JsonObject op, List<?> operands) {
    for (Object v : operands) {
      if (v instanceof String s && !printableAscii(s)) {
        exact = false;
      }
    }
    return op;
  }

  private static boolean printableAscii(String s) {
    return s.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
  }

  private JsonObject exists(String field, boolean present) {
    if (present) {
      return new JsonObject().put("$gt", null);
    }
    return CouchDbCodec.NULLABLE.contains(field)
        ? new JsonObject().put("$eq", null)
        : new JsonObject().put("$exists", false);
  }

  private JsonObject range(Op op, Object v) {
    String mango = "$" + op.wire();
    JsonObject r = new JsonObject().put(mango, v);
    if (v instanceof Number) {
      boolean lower = op == Op.GT || op == Op.GTE;
      return lower ? r.put("$lt", "") : r.put("$gt", true);
    }
    if (v instanceof Boolean) {
      boolean lower = op == Op.GT || op == Op.GTE;
      return lower ? r.put("$lte", true) : r.put("$gte", false);
    }
    exact = false;
    return new JsonObject().put("$gte", "");
  }

  private JsonObject match(String text) {
    if (text.isEmpty() || !printableAscii(text)) {
      return null;
    }
    exact = false; // case folding of a few non-ASCII letters differs; the residual check decides
    return new JsonObject().put("$regex", caseInsensitive(text));
  }

  /** A regex matching {@code text} as a substring, ASCII case-insensitively, without flags. */
  static String caseInsensitive(String text) {
    StringBuilder sb = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if (Character.isLetter(ch)) {
        char lo = Character.toLowerCase(ch);
        char up = Character.toUpperCase(ch);
        sb.append('[').append(lo).append(up);
        // Java lower-cases the Kelvin sign to k and the dotted capital I to i (+ a dot).
        if (lo == 'k') {
          sb.append('\u212A');
        } else if (lo == 'i') {
          sb.append('\u0130');
        }
        sb.append(']');
      } else if ("\\^$.|?*+()[]{}/".indexOf(ch) >= 0) {
        sb.append('\\').append(ch);
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
