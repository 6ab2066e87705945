package dev.files.store.sqlite;

import dev.files.model.Fields;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A built-in queryable field stored as a real column of the {@code files} table, named like the
 * field. Custom {@code c_*} fields live in the {@code custom} side table instead.
 */
enum Column {
  // uploadId (a UUID), status (an enum) and uploadType (^[a-z0-9-]+$) are ASCII: their UTF-8 order
  // is their UTF-16 order, so they need no sort key.
  UPLOAD_ID("uploadId", Kind.STRING, false, false),
  OWNER("owner", Kind.STRING, false, true, true),
  STATUS("status", Kind.STRING, false, true),
  NAME("name", Kind.STRING, true, true, true),
  DESCRIPTION("description", Kind.STRING, true, true, true),
  WEBSITE("website", Kind.STRING, true, true, true),
  ALIAS("alias", Kind.STRING, true, true, true),
  UPLOAD_TYPE("uploadType", Kind.STRING, true, true),
  CONTENT_LENGTH("contentLength", Kind.NUMBER, false, true),
  PARTS("parts", Kind.NUMBER, false, true),
  STARTED_AT("startedAt", Kind.NUMBER, true, true),
  UPLOADED_AT("uploadedAt", Kind.NUMBER, true, true),
  PROCESSED_AT("processedAt", Kind.NUMBER, true, true),
  PUBLIC("public", Kind.BOOLEAN, false, true),
  DIRECT_ONLY("directOnly", Kind.BOOLEAN, false, true),
  TEMP("temp", Kind.BOOLEAN, false, false),
  UNLISTED("unlisted", Kind.BOOLEAN, false, false),
  DELETED_AT("deletedAt", Kind.NUMBER, true, true),
  LEASE_UNTIL("leaseUntil", Kind.NUMBER, true, true),
  UPDATED_AT("updatedAt", Kind.NUMBER, true, true),
  ERROR_COUNT("errorCount", Kind.NUMBER, false, false),
  VERSION("version", Kind.NUMBER, false, false);

  private static final Map<String, Column> BY_FIELD =
      Arrays.stream(values()).collect(Collectors.toMap(c -> c.field, Function.identity()));

  /** The field name, also the column name. */
  final String field;

  /** The kind of every value of the column. */
  final Kind kind;

  /** Whether a record may lack a value (the column holds NULL then). */
  final boolean nullable;

  /**
   * Whether the column has its own {@code (column, uploadId)} index for sorting and ranges
   * (uploadId is the primary key; the internal flags are never sorted on).
   */
  final boolean sortIndexed;

  /**
   * Whether the column has a companion {@code <field>_key} BLOB column holding the {@link SortKey}
   * of its value, which sorting and ranges use.
   */
  final boolean keyed;

  Column(String field, Kind kind, boolean nullable, boolean sortIndexed) {
    this(field, kind, nullable, sortIndexed, false);
  }

  Column(String field, Kind kind, boolean nullable, boolean sortIndexed, boolean keyed) {
    this.field = field;
    this.kind = kind;
    this.nullable = nullable;
    this.sortIndexed = sortIndexed;
    this.keyed = keyed;
  }

  /** The column that orders the values: the sort key column when keyed, else the column. */
  String sortQuoted() {
    return keyed ? '"' + field + "_key\"" : quoted();
  }

  /** {@link #sortQuoted()} of the table aliased {@code f}. */
  String sortRef() {
    return "f." + sortQuoted();
  }

  /**
   * The column that equality tests use: the one an index serves. That is the sort column, except
   * for owner, whose TEXT column leads the owner and alias indexes.
   */
  String equalityRef() {
    return this == OWNER ? ref() : sortRef();
  }

  /** A value as {@link #equalityRef()} holds it. */
  Object equalityValue(Object value) {
    return this == OWNER ? Kind.sqlValue(value) : sortValue(value);
  }

  /** A value as the sort column holds it. */
  Object sortValue(Object value) {
    return keyed ? Kind.sortValue(value) : Kind.sqlValue(value);
  }

  /** The column as an SQL identifier of the table aliased {@code f}. */
  String ref() {
    return "f." + quoted();
  }

  /** The quoted column name ({@code public} reads better quoted everywhere). */
  String quoted() {
    return '"' + field + '"';
  }

  /** The column of a built-in queryable field; null for custom or unknown fields. */
  static Column of(String field) {
    return BY_FIELD.get(field);
  }

  static {
    for (Column c : values()) {
      if (!Fields.isQueryable(c.field) || Fields.isCustom(c.field)) {
        throw new ExceptionInInitializerError("not a built-in queryable field: " + c.field);
      }
    }
  }
}
