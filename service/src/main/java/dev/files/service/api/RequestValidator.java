package dev.files.service.api;

import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates action requests against the request body schemas of the OpenAPI document (JSON Schema
 * 2020-12), for both transports. The action of a path is its {@code operationId}.
 */
public final class RequestValidator {
  private static final String BASE_URI = "https://files.dev/";
  private static final String DOCUMENT_URI = BASE_URI + "openapi.yaml";
  private static final int MAX_DETAILS = 10;

  private final Map<String, Validator> validators = new HashMap<>();

  public RequestValidator(OpenApiDocument document) {
    JsonSchemaOptions options =
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri(BASE_URI)
            .setOutputFormat(OutputFormat.Basic);
    JsonObject doc = document.json();
    SchemaRepository repository = SchemaRepository.create(options);
    repository.dereference(DOCUMENT_URI, JsonSchema.of(doc.copy()));
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject post = paths.getJsonObject(path).getJsonObject("post");
      if (post == null || !path.startsWith("/files/")) {
        continue;
      }
      String ref =
          post.getJsonObject("requestBody")
              .getJsonObject("content")
              .getJsonObject("application/json")
              .getJsonObject("schema")
              .getString("$ref");
      JsonSchema schema = JsonSchema.of(new JsonObject().put("$ref", DOCUMENT_URI + ref));
      validators.put(post.getString("operationId"), repository.validator(schema, options));
    }
  }

  /** The actions the document describes. */
  public java.util.Set<String> actions() {
    return java.util.Set.copyOf(validators.keySet());
  }

  /**
   * Checks a request; fails with {@code validation} listing what is wrong, or {@code not-found} for
   * an action the document does not describe.
   */
  public void validate(String action, Object request) {
    Validator validator = validators.get(action);
    if (validator == null) {
      throw FileError.notFound("no action " + action);
    }
    if (!(request instanceof JsonObject)) {
      throw FileError.validation("the request body must be a JSON object");
    }
    OutputUnit result = validator.validate(request);
    if (!Boolean.TRUE.equals(result.getValid())) {
      List<String> details = details(result);
      throw FileError.validation(
          "invalid " + action + " request: " + (details.isEmpty() ? "" : details.get(0)),
          details.toArray(String[]::new));
    }
  }

  private static List<String> details(OutputUnit result) {
    List<String> details = new ArrayList<>();
    List<OutputUnit> errors = result.getErrors();
    if (errors == null || errors.isEmpty()) {
      if (result.getError() != null) {
        details.add(describe(result));
      }
      return details;
    }
    // Leaf errors first; "additional properties" also reports known properties whose value failed.
    List<String> additional = new ArrayList<>();
    for (OutputUnit e : errors) {
      if (!isSummary(e.getError())) {
        (e.getError().contains("additional properties") ? additional : details).add(describe(e));
      }
    }
    details.addAll(additional);
    if (details.isEmpty()) {
      details.add(describe(errors.get(0)));
    }
    if (details.size() > MAX_DETAILS) {
      return new ArrayList<>(details.subList(0, MAX_DETAILS));
    }
    return details;
  }

  /** Errors that only say that something below failed; the leaves say what. */
  private static boolean isSummary(String error) {
    return error == null
        || error.contains("subschema had errors")
        || error.endsWith("does not match schema")
        || error.endsWith("did not match schema");
  }

  private static String describe(OutputUnit unit) {
    String at = unit.getInstanceLocation();
    String where = at == null || at.isEmpty() ? "body" : at;
    return where + ": " + unit.getError();
  }
}
