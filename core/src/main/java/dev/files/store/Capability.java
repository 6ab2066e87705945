package dev.files.store;

/**
 * What a backend does fast, from an index, rather than by bounded scanning. Every backend serves
 * every query correctly; capabilities let routing and operators choose, and tests ask them instead
 * of the backend's name.
 */
public enum Capability {
  /** Sorting by the built-in filterable fields comes from an index. */
  INDEXED_SORT,
  /** eq, ne, some and exists on built-in fields are served from indexes. */
  INDEXED_EQUALITY,
  /** gt, gte, lt, lte on built-in number fields are served from indexes. */
  INDEXED_RANGE,
  /** Tag filters are served from an index. */
  INDEXED_TAGS,
  /** Custom {@code c_*} fields are indexed for equality and sorting. */
  INDEXED_CUSTOM_FIELDS,
  /** Substring (match, #multi) is served without reading every candidate record. */
  INDEXED_SUBSTRING,
  /** The store's data survives a restart of the process. */
  DURABLE,
  /** {@code total} is computed from an index or counter, not by counting matches one by one. */
  FAST_TOTAL
}
