package dev.files.store.query;

import dev.files.model.FileRecord;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Scope;
import java.util.List;

/**
 * The reference meaning of a list query's selection: scope, owner, visibility, tags and the filter
 * tree, evaluated on one record. The memory store uses it; other backends may use it for what their
 * indexes leave over.
 */
public final class RecordMatcher {
  private RecordMatcher() {}

  /** Whether the record belongs to the query's result, paging aside. */
  public static boolean matches(ListQuery q, FileRecord r) {
    return inScope(q, r) && r.tags().containsAll(q.tags()) && matches(q.filter(), r);
  }

  /** Scope, owner and public visibility. */
  public static boolean inScope(ListQuery q, FileRecord r) {
    if (q.scope() == Scope.LISTED && !r.listed()) {
      return false;
    }
    if (q.owner() != null && !q.owner().equals(r.owner())) {
      return false;
    }
    return !q.publicOnly() || r.publiclyListed();
  }

  public static boolean matches(Filter f, FileRecord r) {
    if (f instanceof Filter.All all) {
      for (Filter each : all.filters()) {
        if (!matches(each, r)) {
          return false;
        }
      }
      return true;
    }
    if (f instanceof Filter.AnyMatch any) {
      for (String field : any.fields()) {
        if (Values.contains(r.field(field), any.text())) {
          return true;
        }
      }
      return false;
    }
    Filter.Condition c = (Filter.Condition) f;
    return test(c.op(), r.field(c.field()), c.value());
  }

  /** One operator on one (possibly missing, i.e. null) value. */
  public static boolean test(Op op, Object actual, Object operand) {
    return switch (op) {
      case EQ -> Values.equal(actual, operand);
      case NE -> !Values.equal(actual, operand);
      case MATCH -> Values.contains(actual, (String) operand);
      case GT -> compare(actual, operand, c -> c > 0);
      case GTE -> compare(actual, operand, c -> c >= 0);
      case LT -> compare(actual, operand, c -> c < 0);
      case LTE -> compare(actual, operand, c -> c <= 0);
      case EXISTS -> (actual != null) == (Boolean) operand;
      case ISEMPTY -> (actual == null || "".equals(actual)) == (Boolean) operand;
      case SOME -> ((List<?>) operand).stream().anyMatch(v -> Values.equal(actual, v));
    };
  }

  private static boolean compare(
      Object actual, Object operand, java.util.function.IntPredicate ok) {
    Integer c = Values.compareSameKind(actual, operand);
    return c != null && ok.test(c);
  }
}
