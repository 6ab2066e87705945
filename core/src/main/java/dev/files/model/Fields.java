package dev.files.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields a list query may filter and sort on, their types, and how a record's value is read.
 *
 * <p>Values are normalised to four types so that every backend compares alike: {@code String},
 * {@code Long} (integral numbers), {@code Double} (other numbers) and {@code Boolean}.
 */
public final class Fields {
  /** Custom field names: {@code c_} then 1..64 letters, digits or underscores. */
  public static final Pattern CUSTOM = Pattern.compile("^c_[A-Za-z0-9_]{1,64}$");

  /** String fields callers may filter and sort on. */
  public static final Set<String> STRINGS =
      Set.of(
          "uploadId", "owner", "name", "description", "website", "alias", "status", "uploadType");

  /** Number fields callers may filter and sort on. */
  public static final Set<String> NUMBERS =
      Set.of("contentLength", "parts", "startedAt", "uploadedAt", "processedAt");

  /** Boolean fields callers may filter and sort on. */
  public static final Set<String> BOOLEANS = Set.of("public", "directOnly");

  /**
   * Fields only the service itself filters on (reconciler, syncer), never callers: they are not
   * part of the API's filterable set.
   */
  public static final Set<String> INTERNAL =
      Set.of("temp", "unlisted", "deletedAt", "leaseUntil", "updatedAt", "errorCount", "version");

  public static final String DEFAULT_SORT = "uploadedAt";

  private Fields() {}

  public static boolean isCustom(String field) {
    return field != null && CUSTOM.matcher(field).matches();
  }

  /** Whether API callers may filter and sort on the field. */
  public static boolean isFilterable(String field) {
    return STRINGS.contains(field)
        || NUMBERS.contains(field)
        || BOOLEANS.contains(field)
        || isCustom(field);
  }

  /** Whether the store must understand the field: the filterable ones plus the internal ones. */
  public static boolean isQueryable(String field) {
    return isFilterable(field) || INTERNAL.contains(field);
  }

  /** The value of a queryable field, normalised; null when the record has none. */
  public static Object valueOf(FileRecord r, String field) {
    if (isCustom(field)) {
      return r.custom().get(field);
    }
    return switch (field) {
      case "uploadId" -> r.uploadId();
      case "owner" -> r.owner();
      case "name" -> r.name();
      case "description" -> r.description();
      case "website" -> r.website();
      case "alias" -> r.alias();
      case "status" -> r.status().wire();
      case "uploadType" -> r.uploadType();
      case "contentLength" -> r.contentLength();
      case "parts" -> (long) r.partCount();
      case "startedAt" -> r.startedAt();
      case "uploadedAt" -> r.uploadedAt();
      case "processedAt" -> r.processedAt();
      case "public" -> r.isPublic();
      case "directOnly" -> r.directOnly();
      case "temp" -> r.temp();
      case "unlisted" -> r.unlisted();
      case "deletedAt" -> r.deletedAt();
      case "leaseUntil" -> r.leaseUntil();
      case "updatedAt" -> r.updatedAt();
      case "errorCount" -> (long) r.errorCount();
      case "version" -> r.version();
      default -> throw new IllegalArgumentException("not a queryable field: " + field);
    };
  }

  /**
   * Normalises a scalar to String, Long, Double or Boolean. Integral numbers become Long, including
   * doubles with no fraction that fit a long, so {@code 3} and {@code 3.0} are equal.
   */
  public static Object normalize(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : (Object) bi.doubleValue();
    }
    if (v instanceof Number n) {
      double d = n instanceof BigDecimal bd ? bd.doubleValue() : n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
      return d;
    }
    throw new IllegalArgumentException("not a scalar: " + v.getClass().getSimpleName());
  }
}
