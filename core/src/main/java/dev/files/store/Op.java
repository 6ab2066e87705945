package dev.files.store;

import java.util.Locale;

/**
 * The operators of files.list's {@code filter}. Semantics every backend implements (the contract
 * suite checks them); "missing" means the record has no value for the field:
 *
 * <ul>
 *   <li>{@code EQ}: equal value of the same type (numbers compare numerically); missing: false.
 *   <li>{@code NE}: not {@code EQ}; missing: true.
 *   <li>{@code MATCH}: case-insensitive substring of a string value; non-strings and missing:
 *       false.
 *   <li>{@code GT, GTE, LT, LTE}: numbers numerically, strings by UTF-16 code unit order; a value
 *       of another type or missing: false.
 *   <li>{@code EXISTS} (Boolean): true matches a present value, false a missing one.
 *   <li>{@code ISEMPTY} (Boolean): true matches missing or the empty string, false the others.
 *   <li>{@code SOME} (list): {@code EQ} to at least one of the values.
 * </ul>
 */
public enum Op {
  EQ,
  NE,
  MATCH,
  GTE,
  LTE,
  GT,
  LT,
  EXISTS,
  ISEMPTY,
  SOME;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Op fromWire(String s) {
    for (Op op : values()) {
      if (op.wire().equals(s)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown operator " + s);
  }

  public boolean isRange() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }
}
