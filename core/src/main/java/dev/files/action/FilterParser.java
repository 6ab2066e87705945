package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.Fields;
import dev.files.store.Filter;
import dev.files.store.Op;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * files.list's {@code filter} as a {@link Filter} tree. A field maps to a string (case-insensitive
 * substring) or to an object of operators that must all hold; {@code #multi} is {@code {fields,
 * match}}, a substring of any of the fields. Only the API's filterable fields are accepted.
 */
final class FilterParser {
  static final String MULTI = "#multi";

  private FilterParser() {}

  static Filter parse(JsonObject filter) {
    if (filter == null) {
      return Filter.TRUE;
    }
    List<Filter> all = new ArrayList<>();
    for (Map.Entry<String, Object> e : filter) {
      String field = e.getKey();
      if (field.equals(MULTI)) {
        all.add(multi(e.getValue()));
        continue;
      }
      requireFilterable(field);
      Object v = e.getValue();
      if (v instanceof String s) {
        all.add(new Filter.Condition(field, Op.MATCH, s));
      } else if (v instanceof JsonObject ops) {
        if (ops.isEmpty()) {
          throw invalid(field, "needs at least one operator");
        }
        for (Map.Entry<String, Object> op : ops) {
          all.add(condition(field, op.getKey(), op.getValue()));
        }
      } else {
        throw invalid(field, "must be a string or an object of operators");
      }
    }
    return all.size() == 1 ? all.get(0) : new Filter.All(all);
  }

  private static Filter condition(String field, String opName, Object value) {
    Op op;
    try {
      op = Op.fromWire(opName);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "has an unknown operator '" + opName + "'");
    }
    return switch (op) {
      case MATCH -> {
        if (!(value instanceof String)) {
          throw invalid(field, "match needs a string");
        }
        yield new Filter.Condition(field, op, value);
      }
      case EXISTS, ISEMPTY -> {
        if (!(value instanceof Boolean)) {
          throw invalid(field, opName + " needs a boolean");
        }
        yield new Filter.Condition(field, op, value);
      }
      case SOME -> {
        if (!(value instanceof JsonArray list) || list.isEmpty() || list.size() > 100) {
          throw invalid(field, "some needs a list of 1..100 values");
        }
        List<Object> values = new ArrayList<>();
        list.forEach(each -> values.add(scalar(field, each)));
        yield new Filter.Condition(field, op, values);
      }
      default -> new Filter.Condition(field, op, scalar(field, value));
    };
  }

  private static Filter multi(Object value) {
    if (!(value instanceof JsonObject m)) {
      throw invalid(MULTI, "must be {fields, match}");
    }
    Params p = Params.nested(m, "filter." + MULTI, java.util.Set.of("fields", "match"));
    List<String> fields = p.strings("fields");
    String match = p.requiredString("match", 0, 1000);
    if (fields == null || fields.isEmpty()) {
      throw invalid(MULTI, "needs a non-empty list of fields");
    }
    fields.forEach(FilterParser::requireFilterable);
    return new Filter.AnyMatch(fields, match);
  }

  private static Object scalar(String field, Object v) {
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return Fields.normalize(n);
    }
    throw invalid(field, "needs a string, number or boolean");
  }

  static void requireFilterable(String field) {
    if (!Fields.isFilterable(field)) {
      throw FileError.validation(
          "filter." + field + " is not a filterable field", "filter." + field);
    }
  }

  private static FileError invalid(String field, String problem) {
    return FileError.validation("filter." + field + " " + problem, "filter." + field);
  }
}
