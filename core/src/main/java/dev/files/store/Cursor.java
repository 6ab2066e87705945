package dev.files.store;

import dev.files.error.FileError;
import dev.files.model.Fields;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A keyset position: the sort value and uploadId of the last record of a page, so the next page
 * starts strictly after it whatever was inserted meanwhile. {@code value} is null when that record
 * had no value for the sort field. {@code position} counts the records before the next page (it
 * gives files.list its page number). Opaque to callers: {@link #encode()} and {@link #decode}.
 */
public record Cursor(Sort sort, Object value, String uploadId, long position) {
  public Cursor {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(uploadId, "uploadId");
    value = Fields.normalize(value);
  }

  public String encode() {
    JsonObject j =
        new JsonObject()
            .put("f", sort.field())
            .put("d", sort.direction().name())
            .put("v", value)
            .put("id", uploadId)
            .put("n", position);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(j.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor; a malformed one is a validation error. */
  public static Cursor decode(String token) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token);
      JsonObject j = new JsonObject(new String(raw, StandardCharsets.UTF_8));
      Sort sort = new Sort(j.getString("f"), Direction.valueOf(j.getString("d")));
      return new Cursor(sort, j.getValue("v"), j.getString("id"), j.getLong("n", 0L));
    } catch (IllegalArgumentException
        | DecodeException
        | NullPointerException
        | ClassCastException e) {
      throw FileError.validation("invalid cursor");
    }
  }
}
