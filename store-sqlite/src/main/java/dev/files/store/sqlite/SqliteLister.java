package dev.files.store.sqlite;

import dev.files.error.FileError;
import dev.files.model.Fields;
import dev.files.model.FileRecord;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.query.FilterTerms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * files.list on SQLite: translates a {@link ListQuery} into SQL with bound parameters, with the
 * meaning of {@link dev.files.store.query.RecordMatcher} and {@link
 * dev.files.store.query.RecordOrder}.
 *
 * <p>The selection (scope, owner, visibility, tags, filter tree) becomes one WHERE clause over
 * {@code files f}; the order and the cursor become {@link Segments}, read one after the other on a
 * read connection until the page is full.
 */
final class SqliteLister {
  /** The SQL function registered on every read connection: case-insensitive substring. */
  static final String CONTAINS = "files_contains";

  /**
   * A translated query: the selection, the total from the counts table (null when it cannot serve
   * it), the trigram matches of a top-level name match (null when there is none) and the segments
   * to read, in order.
   */
  record Plan(Sql where, Sql countedTotal, Sql nameMatches, List<Segments.Segment> segments) {
    /**
     * The query's total: summed from the counts table when it can be; else counted row by row,
     * driven by the trigram matches when there are some, so that only their rows are read (a count
     * has no order to walk; left to itself, SQLite reads the scope's whole index).
     */
    Sql count() {
      if (countedTotal != null) {
        return countedTotal;
      }
      Sql from =
          nameMatches == null
              ? Sql.of("SELECT count(*) FROM files f")
              : Sql.of("SELECT count(*) FROM (")
                  .add(nameMatches)
                  .add(") AS g CROSS JOIN files f ON f.rowid = g.rowid");
      return from.add(" WHERE ").add(where);
    }

    /** The next {@code limit} records of a segment. */
    Sql page(Segments.Segment s, int limit) {
      return Sql.of("SELECT f.doc FROM files f")
          .add(s.join())
          .add(" WHERE ")
          .add(where)
          .add(" AND ")
          .add(s.condition())
          .add(" ORDER BY " + s.orderBy() + " LIMIT ")
          .param((long) limit);
    }
  }

  private SqliteLister() {}

  static Plan plan(ListQuery q) {
    Sql where = selection(q);
    return new Plan(
        where, countedTotal(q), nameMatches(q.filter()), Segments.of(q.sort(), q.cursor()));
  }

  /** Reads the query's page (and its total when asked) on a read connection. */
  static Page page(Connection conn, ListQuery q, Plan plan) throws SQLException {
    long total = q.countTotal() ? count(conn, plan.count()) : Page.UNCOUNTED;
    int need = q.offset() + q.limit() + 1;
    int seen = 0;
    List<FileRecord> items = new ArrayList<>();
    for (Segments.Segment s : plan.segments()) {
      if (seen >= need) {
        break;
      }
      try (PreparedStatement ps = plan.page(s, need - seen).prepare(conn);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (seen >= q.offset()) {
            items.add(SqliteCodec.decode(rs.getString(1))); // skipped rows are never decoded
          }
          seen++;
        }
      }
    }
    return Page.of(q, items, total);
  }

  private static long count(Connection conn, Sql sql) throws SQLException {
    try (PreparedStatement ps = sql.prepare(conn);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The total from the counts table ({@link Schema}), for a query that selects on scope, owner,
   * visibility and status equality only; null for any other query.
   */
  static Sql countedTotal(ListQuery q) {
    if (!q.tags().isEmpty()) {
      return null;
    }
    List<String> statuses = new ArrayList<>();
    if (!statusEqualities(q.filter(), statuses)) {
      return null;
    }
    Sql s = Sql.of("SELECT coalesce(sum(n), 0) FROM counts WHERE level = ");
    if (q.owner() == null) {
      s.add(Schema.ALL_OWNERS + " AND owner = ''");
    } else {
      s.add(Schema.ONE_OWNER + " AND owner = ").param(q.owner());
    }
    if (q.scope() == Scope.LISTED) {
      s.add(" AND listed = 1");
    }
    if (q.publicOnly()) {
      s.add(" AND pub = 1");
    }
    for (String status : statuses) {
      s.add(" AND status = ").param(status);
    }
    return s;
  }

  /** Whether the filter is an AND of string equalities on status (or nothing); collects them. */
  private static boolean statusEqualities(Filter f, List<String> out) {
    for (Filter each : FilterTerms.conjuncts(f)) {
      if (each instanceof Filter.Condition c
          && c.field().equals(Column.STATUS.field)
          && c.op() == Op.EQ
          && c.value() instanceof String status) {
        out.add(status);
      } else {
        return false;
      }
    }
    return true;
  }

  /** Scope, owner, visibility, tags and the filter tree. */
  static Sql selection(ListQuery q) {
    Sql s = Sql.of("1");
    if (q.scope() == Scope.LISTED) {
      s.add(" AND f.listed = 1");
    }
    if (q.owner() != null) {
      s.add(" AND f.owner = ").param(q.owner());
    }
    if (q.publicOnly()) {
      s.add(" AND f.pub = 1");
    }
    for (String tag : q.tags()) {
      s.add(" AND f.uploadId IN (SELECT uploadId FROM tags WHERE tag = ").param(tag).add(")");
    }
    if (!FilterTerms.isTrue(q.filter())) {
      s.add(" AND ").add(filter(q.filter()));
    }
    return s;
  }

  static Sql filter(Filter f) {
    if (f instanceof Filter.All all) {
      return join(all.filters().stream().map(SqliteLister::filter).toList(), " AND ", "1");
    }
    if (f instanceof Filter.AnyMatch any) {
      List<Sql> each = new ArrayList<>();
      for (String field : any.fields()) {
        each.add(condition(new Filter.Condition(field, Op.MATCH, any.text())));
      }
      return join(each, " OR ", "0");
    }
    return condition((Filter.Condition) f);
  }

  private static Sql condition(Filter.Condition c) {
    Column column = Column.of(c.field());
    if (column != null) {
      return builtIn(column, c.op(), c.value());
    }
    if (Fields.isCustom(c.field())) {
      return custom(c.field(), c.op(), c.value());
    }
    throw FileError.validation("cannot filter on '" + c.field() + "'");
  }

  private static Sql builtIn(Column c, Op op, Object v) {
    String col = c.ref();
    // Equal strings have equal sort keys, so equality may use either column: the indexed one.
    String eq = c.equalityRef();
    return switch (op) {
      case EQ -> sameKind(c, v) ? Sql.of(eq + " = ").param(c.equalityValue(v)) : Sql.of("0");
      // IS NOT is SQL's null-safe inequality: a missing value is not equal.
      case NE -> sameKind(c, v) ? Sql.of(eq + " IS NOT ").param(c.equalityValue(v)) : Sql.of("1");
      case MATCH ->
          c.kind == Kind.STRING && v instanceof String text
              ? (c == Column.NAME ? nameGrams(folded(text)) : Sql.of(""))
                  .add(contains(col, folded(text)))
              : Sql.of("0");
      case GT, GTE, LT, LTE ->
          sameKind(c, v)
              ? Sql.of(c.sortRef() + " " + comparison(op) + " ").param(c.sortValue(v))
              : Sql.of("0");
      case EXISTS -> Sql.of(existsTest(c, (Boolean) v));
      case ISEMPTY -> {
        Sql empty = Sql.of(emptyTest(c));
        yield (Boolean) v ? empty : Sql.of("NOT ").add(empty);
      }
      case SOME -> {
        List<?> same =
            ((List<?>) v)
                .stream().filter(x -> x != null && sameKind(c, x)).map(c::equalityValue).toList();
        yield same.isEmpty() ? Sql.of("0") : Sql.of(eq + " IN ").params(same);
      }
    };
  }

  /**
   * {@code match} on a TEXT column: {@link #CONTAINS} decides, but it is a call into Java per row,
   * so an ASCII needle first passes SQLite's native {@code instr(lower(col), needle)}. That native
   * test is exact as a pre-filter: SQLite's lower() folds ASCII only, and the only non-ASCII
   * characters whose Java lower case holds ASCII letters are U+0130 (İ, to "i̇") and U+212A (the
   * Kelvin sign, to "k"), which let a value through unconditionally.
   */
  private static Sql contains(String col, String needle) {
    Sql exact = Sql.of(CONTAINS + "(" + col + ", ").param(needle).add(")");
    if (!needle.chars().allMatch(ch -> ch < 0x80)) {
      return exact;
    }
    return Sql.of("(instr(lower(" + col + "), ")
        .param(needle)
        .add(") > 0 OR instr(" + col + ", char(304)) > 0 OR instr(" + col + ", char(8490)) > 0)")
        .add(" AND ")
        .add(exact);
  }

  /**
   * For an ASCII needle of three or more characters, the records whose name holds its trigrams
   * ({@code name_grams}, a superset of the matches: see {@link Schema#foldedName}), as a prefix to
   * AND with the exact test; empty for any other needle. The unary {@code +} keeps SQLite from
   * driving the query from the trigram matches: it walks the order's index as it would without them
   * and tests each rowid against the matches before reading the row, so a common needle stops at
   * the page instead of reading and sorting every match (measured at 100k: a sorted page for "ing"
   * took 90-155 ms driven by the matches). The total, which has no order, is counted from the
   * matches instead ({@link Plan#count}).
   */
  private static Sql nameGrams(String needle) {
    Sql matches = gramMatches(needle);
    return matches == null ? Sql.of("") : Sql.of("+f.rowid IN (").add(matches).add(") AND ");
  }

  /** The rowids holding an ASCII needle's trigrams; null for a needle the trigrams cannot serve. */
  private static Sql gramMatches(String needle) {
    if (needle.length() < 3 || !needle.chars().allMatch(ch -> ch < 0x80)) {
      return null;
    }
    String phrase = '"' + needle.replace("\"", "\"\"") + '"';
    return Sql.of("SELECT rowid FROM name_grams WHERE name_grams MATCH ").param(phrase);
  }

  /** The trigram matches of the filter's first top-level name match, or null. */
  static Sql nameMatches(Filter f) {
    for (Filter each : FilterTerms.conjuncts(f)) {
      if (each instanceof Filter.Condition c
          && c.field().equals(Column.NAME.field)
          && c.op() == Op.MATCH
          && c.value() instanceof String text) {
        Sql matches = gramMatches(folded(text));
        if (matches != null) {
          return matches;
        }
      }
    }
    return null;
  }

  private static String existsTest(Column c, boolean exists) {
    if (!c.nullable) {
      return exists ? "1" : "0";
    }
    return c.sortRef() + (exists ? " IS NOT NULL" : " IS NULL");
  }

  private static String emptyTest(Column c) {
    String col = c.ref();
    if (c.kind == Kind.STRING) {
      return c.nullable ? "(" + col + " IS NULL OR " + col + " = '')" : "(" + col + " = '')";
    }
    return c.nullable ? "(" + col + " IS NULL)" : "(0)";
  }

  private static Sql custom(String field, Op op, Object v) {
    return switch (op) {
      case EQ -> customHas(field, true, kindAndValue("=", v));
      case NE -> customHas(field, false, kindAndValue("=", v));
      case MATCH ->
          v instanceof String text
              ? customHas(
                  field,
                  true,
                  Sql.of("kind = " + Kind.STRING.tag + " AND " + CONTAINS + "(v, ")
                      .param(folded(text))
                      .add(")"))
              : Sql.of("0");
      case GT, GTE, LT, LTE -> customHas(field, true, kindAndValue(comparison(op), v));
      case EXISTS -> customHas(field, (Boolean) v, Sql.of("1"));
      case ISEMPTY ->
          customHas(
              field,
              !(Boolean) v,
              Sql.of("NOT (kind = " + Kind.STRING.tag + " AND v = ")
                  .param(SortKey.of(""))
                  .add(")"));
      case SOME -> {
        Map<Kind, List<Object>> byKind = new LinkedHashMap<>();
        for (Object x : (List<?>) v) {
          if (x == null) {
            continue; // equals nothing
          }
          byKind.computeIfAbsent(Kind.of(x), k -> new ArrayList<>()).add(Kind.sortValue(x));
        }
        if (byKind.isEmpty()) {
          yield Sql.of("0");
        }
        List<Sql> each = new ArrayList<>();
        byKind.forEach(
            (k, values) ->
                each.add(Sql.of("(kind = " + k.tag + " AND v IN ").params(values).add(")")));
        yield customHas(field, true, join(each, " OR ", "0"));
      }
    };
  }

  private static Sql kindAndValue(String comparison, Object v) {
    return Sql.of("kind = " + Kind.of(v).tag + " AND v " + comparison + " ")
        .param(Kind.sortValue(v));
  }

  /**
   * Records that have (or, with {@code has} false, do not have) a value of the field meeting test.
   */
  static Sql customHas(String field, boolean has, Sql test) {
    return Sql.of(
            "f.uploadId "
                + (has ? "IN" : "NOT IN")
                + " (SELECT uploadId FROM custom WHERE field = ")
        .param(field)
        .add(" AND (")
        .add(test)
        .add("))");
  }

  private static boolean sameKind(Column c, Object v) {
    return Kind.of(v) == c.kind;
  }

  private static String comparison(Op op) {
    return switch (op) {
      case GT -> ">";
      case GTE -> ">=";
      case LT -> "<";
      case LTE -> "<=";
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static String folded(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static Sql join(List<Sql> parts, String connective, String whenEmpty) {
    if (parts.isEmpty()) {
      return Sql.of(whenEmpty);
    }
    Sql out = Sql.of("(");
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.add(connective);
      }
      out.add("(").add(parts.get(i)).add(")");
    }
    return out.add(")");
  }
}
