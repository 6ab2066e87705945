package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.Fields;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code meta} object of files.upload, files.update and postAction: its rules and how it
 * changes a record. One place, so the three agree. Absent keys leave the record as it is; {@code
 * null} (and {@code ""} for description, website and alias) removes a value.
 */
final class Meta {
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 20_000;
  static final int MAX_TAGS = 32;
  static final int MAX_TAG = 40;
  static final int MAX_CUSTOM_STRING = 4096;
  static final int MAX_CUSTOM_FIELDS = 100;
  static final int MAX_WEBSITE = 2048;
  private static final Pattern ALIAS = Pattern.compile("^[0-9A-Za-z_\\-. ]{1,50}$");

  private static final FileRecord BLANK =
      FileRecord.builder().uploadId("-").owner("-").status(Status.PENDING).build();

  private Meta() {}

  /** Checks meta without a record to apply it to (e.g. a postAction at upload time). */
  static void validate(JsonObject meta, String path, boolean allowAlias) {
    apply(meta, path, allowAlias, BLANK);
  }

  /**
   * A builder of the record with meta applied, failing with 400 on the first invalid value.
   *
   * @param path the property's name in error messages, e.g. {@code meta}
   * @param allowAlias whether meta may set the alias (files.update and postAction, not upload)
   */
  static FileRecord.Builder apply(
      JsonObject meta, String path, boolean allowAlias, FileRecord record) {
    FileRecord.Builder b = record.toBuilder();
    for (Map.Entry<String, Object> e : meta) {
      String key = e.getKey();
      Object value = e.getValue();
      String at = path + "." + key;
      switch (key) {
        case "name" -> b.name(name(value, at));
        case "description" -> b.description(optionalText(value, at, MAX_DESCRIPTION));
        case "tags" -> b.tags(tags(value, at));
        case "website" -> b.website(website(value, at));
        case "alias" -> {
          if (!allowAlias) {
            throw FileError.validation(at + " cannot be set here; use files.update", at);
          }
          b.alias(alias(value, at));
        }
        default -> {
          if (!Fields.isCustom(key)) {
            throw FileError.validation("unknown property " + at, at);
          }
          b.custom(key, custom(value, at));
        }
      }
    }
    if (b.build().custom().size() > MAX_CUSTOM_FIELDS) {
      throw FileError.validation("at most " + MAX_CUSTOM_FIELDS + " custom fields", path);
    }
    return b;
  }

  static String name(Object value, String at) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
      throw FileError.validation(at + " must be a non-blank string of 1.." + MAX_NAME, at);
    }
    return s;
  }

  private static String optionalText(Object value, String at, int max) {
    if (value == null || "".equals(value)) {
      return null;
    }
    if (!(value instanceof String s) || s.length() > max) {
      throw FileError.validation(at + " must be a string of at most " + max + " characters", at);
    }
    return s;
  }

  private static String website(Object value, String at) {
    String s = optionalText(value, at, MAX_WEBSITE);
    if (s == null) {
      return null;
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return s;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw FileError.validation(at + " must be an http(s) URL", at);
  }

  /** Trimmed; {@code ""} or null removes; only spaces is invalid. */
  static String alias(Object value, String at) {
    if (value == null || "".equals(value)) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw FileError.validation(at + " must be a string", at);
    }
    String trimmed = s.trim();
    if (!ALIAS.matcher(trimmed).matches()) {
      throw FileError.validation(
          at + " must be 1..50 letters, digits, '_', '-', '.' or spaces after trimming", at);
    }
    return trimmed;
  }

  private static Object custom(Object value, String at) {
    if (value == null || value instanceof Boolean) {
      return value;
    }
    if (value instanceof String s) {
      if (s.length() > MAX_CUSTOM_STRING) {
        throw FileError.validation(at + " is longer than " + MAX_CUSTOM_STRING, at);
      }
      return s;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n;
    }
    throw FileError.validation(at + " must be a string, a number, a boolean or null", at);
  }

  private static List<String> tags(Object value, String at) {
    if (!(value instanceof JsonArray a)) {
      throw FileError.validation(at + " must be an array of strings", at);
    }
    List<String> raw = new ArrayList<>();
    for (Object each : a) {
      if (!(each instanceof String s)) {
        throw FileError.validation(at + " must be an array of strings", at);
      }
      raw.add(s);
    }
    return tags(raw, at);
  }

  /** Lower-cased, trimmed, unique, each 1..40 characters without a comma, at most 32. */
  static List<String> tags(List<String> raw, String at) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String s : raw) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty() || t.length() > MAX_TAG || t.indexOf(',') >= 0) {
        throw FileError.validation(
            at + ": each tag must have 1.." + MAX_TAG + " characters and no comma", at);
      }
      out.add(t);
    }
    return limitTags(new ArrayList<>(out), at);
  }

  static List<String> limitTags(List<String> tags, String at) {
    if (tags.size() > MAX_TAGS) {
      throw FileError.validation("at most " + MAX_TAGS + " tags", at);
    }
    return tags;
  }
}
