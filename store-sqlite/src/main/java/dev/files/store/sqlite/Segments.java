package dev.files.store.sqlite;

import dev.files.error.FileError;
import dev.files.model.Fields;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a list query and its keyset cursor, as up to two <em>segments</em> read one after
 * the other: the records missing the sort field (the smallest values, so first ascending and last
 * descending; ordered by uploadId) and the records having it (ordered by value, then uploadId).
 * Each segment is a plain index-ordered keyset query, so a cursor seeks straight to its position
 * with a row-value comparison instead of scanning what lies before it, and a segment that lies
 * wholly before the cursor is not read at all.
 */
final class Segments {
  /**
   * A run of the sort order: the records of the selection that also meet {@code condition} (which
   * includes the cursor's keyset bound), in {@code orderBy}; {@code join} adds the custom field's
   * row when the order needs it.
   */
  record Segment(Sql join, Sql condition, String orderBy) {}

  private Segments() {}

  static List<Segment> of(Sort sort, Cursor cursor) {
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
        c != null
            ? Sql.of(c.sortRef() + " IS NULL")
            : SqliteLister.customHas(field, false, Sql.of("1"));
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
