package dev.files.store.sqlite;

import dev.files.error.FileError;
import dev.files.model.Fields;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import dev.files.store.Sort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a {@link ListQuery} into SQL with bound parameters, with the meaning of {@link
 * dev.files.store.query.RecordMatcher} and {@link dev.files.store.query.RecordOrder}.
 *
 * <p>The selection (scope, owner, visibility, tags, filter tree) becomes one WHERE clause over
 * {@code files f}. The order is read in up to two <em>segments</em>: the records missing the sort
 * field (smallest, so first ascending and last descending, ordered by uploadId) and the records
 * having it (ordered by value, then uploadId). Each segment is a plain index-ordered keyset query,
 * so a cursor seeks straight to its position instead of scanning what lies before it.
 */
final class QueryTranslator {
  /** The SQL function registered on every read connection: case-insensitive substring. */
  static final String CONTAINS = "files_contains";

  /** A translated query: the selection and the segments to read, in order. */
  record Plan(Sql where, List<Segment> segments) {
    Sql count() {
      return Sql.of("SELECT count(*) FROM files f WHERE ").add(where);
    }

    /** The next {@code limit} records of a segment. */
    Sql page(Segment s, int limit) {
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

  /**
   * A run of the sort order: the records of the selection that also meet {@code condition} (which
   * includes the cursor's keyset bound), in {@code orderBy}.
   */
  record Segment(Sql join, Sql condition, String orderBy) {}

  private QueryTranslator() {}

  static Plan plan(ListQuery q) {
    Sql where = selection(q);
    return new Plan(where, segments(q.sort(), q.cursor()));
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
    if (!(q.filter() instanceof Filter.All all && all.filters().isEmpty())) {
      s.add(" AND ").add(filter(q.filter()));
    }
    return s;
  }

  static Sql filter(Filter f) {
    if (f instanceof Filter.All all) {
      return join(all.filters().stream().map(QueryTranslator::filter).toList(), " AND ", "1");
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
    return switch (op) {
      case EQ -> sameKind(c, v) ? Sql.of(col + " = ").param(v) : Sql.of("0");
      // IS NOT is SQL's null-safe inequality: a missing value is not equal.
      case NE -> sameKind(c, v) ? Sql.of(col + " IS NOT ").param(v) : Sql.of("1");
      case MATCH ->
          c.kind == Kind.STRING && v instanceof String text
              ? Sql.of(CONTAINS + "(" + col + ", ").param(folded(text)).add(")")
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
        List<?> same = ((List<?>) v).stream().filter(x -> x != null && sameKind(c, x)).toList();
        yield same.isEmpty() ? Sql.of("0") : Sql.of(col + " IN ").params(same);
      }
    };
  }

  private static String existsTest(Column c, boolean exists) {
    if (!c.nullable) {
      return exists ? "1" : "0";
    }
    return c.ref() + (exists ? " IS NOT NULL" : " IS NULL");
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
  private static Sql customHas(String field, boolean has, Sql test) {
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

  // ---- order and keyset ----

  static List<Segment> segments(Sort sort, Cursor cursor) {
    String field = sort.field();
    boolean asc = sort.direction() == Direction.ASC;
    Column column = Column.of(field);
    if (column == null && !Fields.isCustom(field)) {
      throw FileError.validation("cannot sort on '" + field + "'");
    }
    boolean nullable = column == null || column.nullable;
    List<Segment> out = new ArrayList<>();
    Segment missing = nullable ? missingSegment(column, field, asc, cursor) : null;
    Segment present =
        column != null ? presentBuiltIn(column, asc, cursor) : presentCustom(field, asc, cursor);
    if (asc) {
      addIfAny(out, missing);
      addIfAny(out, present);
    } else {
      addIfAny(out, present);
      addIfAny(out, missing);
    }
    return out;
  }

  private static void addIfAny(List<Segment> out, Segment s) {
    if (s != null) {
      out.add(s);
    }
  }

  /** Records without a value, by uploadId; null when the cursor lies past all of them. */
  private static Segment missingSegment(Column c, String field, boolean asc, Cursor cursor) {
    Sql condition =
        c != null ? Sql.of(c.sortRef() + " IS NULL") : customHas(field, false, Sql.of("1"));
    if (cursor != null) {
      if (cursor.value() != null) {
        if (asc) {
          return null; // the cursor is among the present values, after every missing one
        }
      } else {
        condition.add(" AND f.uploadId " + (asc ? ">" : "<") + " ").param(cursor.uploadId());
      }
    }
    return new Segment(Sql.of(""), condition, "f.uploadId " + dir(asc));
  }

  private static Segment presentBuiltIn(Column c, boolean asc, Cursor cursor) {
    Sql condition = Sql.of(c.nullable ? c.sortRef() + " IS NOT NULL" : "1");
    if (cursor != null) {
      Boolean all = wholeSegmentAfter(cursor, c.kind, asc);
      if (all == null) {
        condition
            .add(" AND (" + c.sortRef() + ", f.uploadId) " + (asc ? ">" : "<") + " (")
            .param(c.sortValue(cursor.value()))
            .add(", ")
            .param(cursor.uploadId())
            .add(")");
      } else if (!all) {
        return null;
      }
    }
    String d = dir(asc);
    return new Segment(Sql.of(""), condition, c.sortRef() + " " + d + ", f.uploadId " + d);
  }

  private static Segment presentCustom(String field, boolean asc, Cursor cursor) {
    Sql join = Sql.of(" JOIN custom s ON s.uploadId = f.uploadId AND s.field = ").param(field);
    Sql condition = Sql.of("1");
    if (cursor != null) {
      if (cursor.value() == null) {
        if (!asc) {
          return null;
        }
      } else {
        condition
            .add(" AND (s.kind, s.v, s.uploadId) " + (asc ? ">" : "<") + " (")
            .param((long) Kind.of(cursor.value()).tag)
            .add(", ")
            .param(Kind.sortValue(cursor.value()))
            .add(", ")
            .param(cursor.uploadId())
            .add(")");
      }
    }
    return new Segment(join, condition, order(asc));
  }

  private static String order(boolean asc) {
    String d = dir(asc);
    return "s.kind " + d + ", s.v " + d + ", s.uploadId " + d;
  }

  /**
   * Whether a built-in column's present values all lie after (true) or none after (false) the
   * cursor, when the cursor's value is missing or of another kind; null when a keyset bound is
   * needed.
   */
  private static Boolean wholeSegmentAfter(Cursor cursor, Kind kind, boolean asc) {
    if (cursor.value() == null) {
      return asc;
    }
    int ck = Kind.of(cursor.value()).tag;
    if (ck == kind.tag) {
      return null;
    }
    boolean cursorSmaller = ck < kind.tag;
    return cursorSmaller == asc;
  }

  private static String dir(boolean asc) {
    return asc ? "ASC" : "DESC";
  }
}
