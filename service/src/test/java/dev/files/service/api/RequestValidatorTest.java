package dev.files.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  private static final RequestValidator VALIDATOR = new RequestValidator(OpenApiDocument.load());
  private static final String ID = "0b5c8e7e-0a7d-4c1e-9a55-2f8f0d6b1c11";

  @Test
  void describesEveryAction() {
    assertEquals(
        Set.of(
            "files.upload",
            "files.finish",
            "files.process",
            "files.info",
            "files.history",
            "files.download",
            "files.list",
            "files.head",
            "files.report",
            "files.update",
            "files.tag.add",
            "files.tag.remove",
            "files.access",
            "files.remove",
            "files.restore",
            "files.sync"),
        VALIDATOR.actions());
  }

  @Test
  void acceptsAValidUpload() {
    VALIDATOR.validate("files.upload", upload());
  }

  @Test
  void rejectsUnknownPropertiesAtEveryLevel() {
    assertInvalid("files.upload", upload().put("surprise", 1), "surprise");
    JsonObject badMeta = upload();
    badMeta.getJsonObject("meta").put("colour", "red");
    assertInvalid("files.upload", badMeta, "colour");
    JsonObject alias = upload();
    alias.getJsonObject("meta").put("alias", "mine");
    assertInvalid("files.upload", alias, "alias");
  }

  @Test
  void acceptsCustomFieldsInMeta() {
    JsonObject custom = upload();
    custom.getJsonObject("meta").put("c_camera", "X100").put("c_iso", 200).put("c_raw", true);
    VALIDATOR.validate("files.upload", custom);
  }

  @Test
  void rejectsWrongTypesAndMissingFields() {
    assertInvalid("files.upload", upload().put("resumable", "yes"), "resumable");
    JsonObject noName = upload();
    noName.getJsonObject("meta").remove("name");
    assertInvalid("files.upload", noName, "name");
    assertInvalid("files.info", new JsonObject().put("username", "ann"), "");
    assertInvalid(
        "files.info",
        new JsonObject().put("username", "ann").put("uploadId", ID).put("alias", "a"),
        "");
    assertInvalid("files.list", new JsonObject().put("limit", 101), "limit");
    assertInvalid(
        "files.list", new JsonObject().put("filter", new JsonObject().put("colour", "red")), "");
  }

  @Test
  void acceptsListFilters() {
    JsonObject filter =
        new JsonObject()
            .put("name", "quasar")
            .put("contentLength", new JsonObject().put("gte", 1000))
            .put("c_iso", new JsonObject().put("some", new JsonArray().add(100).add(200)))
            .put(
                "#multi",
                new JsonObject()
                    .put("fields", new JsonArray().add("name").add("description"))
                    .put("match", "x"));
    VALIDATOR.validate(
        "files.list",
        new JsonObject().put("filter", filter).put("criteria", "c_iso").put("order", "ASC"));
  }

  @Test
  void rejectsANonObjectBody() {
    FileError e =
        assertThrows(FileError.class, () -> VALIDATOR.validate("files.info", new JsonArray()));
    assertEquals(ErrorCode.VALIDATION, e.code());
  }

  private static void assertInvalid(String action, JsonObject request, String mentioned) {
    FileError e = assertThrows(FileError.class, () -> VALIDATOR.validate(action, request));
    assertEquals(ErrorCode.VALIDATION, e.code());
    assertTrue(
        String.join(" | ", e.details()).contains(mentioned),
        () -> "details " + e.details() + " should mention " + mentioned);
  }

  static JsonObject upload() {
    return new JsonObject()
        .put("username", "ann")
        .put(
            "files",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "original")
                        .put("contentType", "image/png")
                        .put("contentLength", 10)
                        .put("md5Hash", "0123456789abcdef0123456789abcdef")))
        .put(
            "meta",
            new JsonObject().put("name", "A picture").put("tags", new JsonArray().add("x")));
  }
}
