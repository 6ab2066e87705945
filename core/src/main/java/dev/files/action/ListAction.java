package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.Status;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Page;
import dev.files.store.Scope;
import dev.files.store.Sort;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * files.list, served by the list store. Visibility: your own files (all listed ones), another
 * owner's public and not direct-only ones, or without {@code owner} the public ones of everyone; an
 * admin sees every listed file. Then the request's conditions, sort and paging.
 */
final class ListAction extends BaseAction {
  static final int MAX_LIMIT = 100;
  private static final Set<String> KEYS =
      Set.of(
          "username",
          "owner",
          "public",
          "status",
          "tags",
          "filter",
          "criteria",
          "order",
          "offset",
          "limit",
          "cursor");

  ListAction(ActionContext ctx) {
    super(ctx, "files.list");
  }

  @Override
  protected Future<JsonObject> run(Caller caller, JsonObject request) {
    ListQuery q = query(caller, Params.of(request, KEYS), request);
    return ctx.list().list(q).map(page -> reply(q, page));
  }

  private static ListQuery query(Caller caller, Params p, JsonObject request) {
    String user = Access.user(caller, request);
    String owner = p.string("owner", 1, 128);
    boolean own = owner != null && owner.equals(user);
    boolean publicOnly = !own && !caller.admin();
    List<Filter> conditions = new ArrayList<>();
    Boolean isPublic = p.optionalBool("public");
    if (isPublic != null) {
      conditions.add(Filter.eq("public", isPublic));
    }
    status(p, conditions);
    conditions.add(FilterParser.parse(p.object("filter")));
    List<String> tags = p.strings("tags");
    Sort sort = sort(p);
    String cursor = p.string("cursor", 1, 4096);
    return new ListQuery(
        Scope.LISTED,
        owner,
        publicOnly,
        tags == null ? List.of() : Meta.tags(tags, "tags"),
        new Filter.All(conditions),
        sort,
        (int) p.longValue("offset", 0, Integer.MAX_VALUE - MAX_LIMIT, 0),
        (int) p.longValue("limit", 1, MAX_LIMIT, ListQuery.DEFAULT_LIMIT),
        cursor == null ? null : Cursor.decode(cursor));
  }

  private static void status(Params p, List<Filter> conditions) {
    String status = p.string("status", 1, 20);
    if (status == null) {
      return;
    }
    for (Status each : Status.values()) {
      if (each.wire().equals(status)) {
        conditions.add(Filter.eq("status", status));
        return;
      }
    }
    throw p.invalid("status", "must be a status");
  }

  private static Sort sort(Params p) {
    String criteria = p.string("criteria", 1, 80);
    if (criteria != null) {
      FilterParser.requireFilterable(criteria);
    }
    String order = p.string("order", 3, 4);
    Direction direction;
    try {
      direction =
          order == null ? Direction.DESC : Direction.valueOf(order.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw FileError.validation("order must be ASC or DESC", "order");
    }
    return new Sort(criteria == null ? Sort.DEFAULT.field() : criteria, direction);
  }

  private static JsonObject reply(ListQuery q, Page page) {
    JsonArray files = new JsonArray();
    page.items().forEach(r -> files.add(Views.file(r)));
    long before = (q.cursor() == null ? 0 : q.cursor().position()) + q.offset();
    return new JsonObject()
        .put("files", files)
        .put("total", page.total())
        .put("cursor", page.next() == null ? null : page.next().encode())
        .put("page", before / q.limit() + 1)
        .put("pages", (page.total() + q.limit() - 1) / q.limit());
  }
}
