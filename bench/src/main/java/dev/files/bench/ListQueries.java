package dev.files.bench;

import dev.files.store.Filter;
import dev.files.store.ListQuery;
import dev.files.store.Op;
import dev.files.store.Sort;
import java.util.List;

/** The three list queries every backend reports (bench/README.md). */
record ListQueries(String name, String description, ListQuery query) {

  static final String OWNER = DataSet.owner(7);

  static List<ListQueries> all() {
    ListQuery admin = ListQuery.listed().withSort(Sort.desc("uploadedAt")).withLimit(10);
    return List.of(
        new ListQueries("a", "all files (admin), uploadedAt DESC, first 10", admin),
        new ListQueries(
            "b",
            "all files, name MATCH quasar, contentLength GTE 1000, uploadedAt DESC, first 10",
            admin.withFilter(
                Filter.all(
                    Filter.of("name", Op.MATCH, DataSet.NEEDLE),
                    Filter.of("contentLength", Op.GTE, 1000L)))),
        new ListQueries(
            "c",
            "owner " + OWNER + ", status processed, contentLength ASC, first 10",
            ListQuery.listed()
                .withOwner(OWNER)
                .withFilter(Filter.eq("status", "processed"))
                .withSort(Sort.asc("contentLength"))
                .withLimit(10)));
  }
}
