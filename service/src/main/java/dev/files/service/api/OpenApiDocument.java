package dev.files.service.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The OpenAPI document ({@code docs/openapi.yaml}, copied into the jar by the build): served as is
 * at {@code GET /openapi.yaml} and the one source of the request schemas.
 */
public final class OpenApiDocument {
  private static final String RESOURCE = "/dev/files/service/api/openapi.yaml";

  private final Buffer text;
  private final JsonObject json;

  private OpenApiDocument(Buffer text, JsonObject json) {
    this.text = text;
    this.json = json;
  }

  /** Reads the document shipped in the jar. */
  @SuppressWarnings("unchecked")
  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      byte[] bytes = in.readAllBytes();
      Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(bytes, Map.class);
      return new OpenApiDocument(Buffer.buffer(bytes), new JsonObject(map));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document's text, as served. */
  public Buffer text() {
    return text;
  }

  /** The parsed document (a copy). */
  public JsonObject json() {
    return json.copy();
  }
}
