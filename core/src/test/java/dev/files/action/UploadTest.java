package dev.files.action;

import static dev.files.action.Fixture.ALICE;
import static dev.files.action.Fixture.ANONYMOUS;
import static dev.files.action.Fixture.part;
import static dev.files.action.Fixture.png;
import static dev.files.action.Fixture.req;
import static dev.files.action.Fixture.text;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.store.ListQuery;
import dev.files.store.memory.MemoryFileStore;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** files.upload's validation: every refusal is 400/401/413 and creates nothing. */
class UploadTest {
  private final Fixture f =
      new Fixture(
          ActionOptions.builder()
              .maxSize(1000)
              .allowedContentTypes(List.of("image/*", "text/plain"))
              .build());

  private JsonObject valid() {
    return Fixture.uploadRequest("alice", "ok", part("original", "image/png", png(2, 2)));
  }

  private void refused(ErrorCode code, Consumer<JsonObject> change) {
    JsonObject r = valid();
    change.accept(r);
    FileError e = f.error("files.upload", ALICE, r);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(0, await(f.store.list(ListQuery.all())).total(), "nothing created");
    assertTrue(f.blobs.signedUploads().isEmpty());
  }

  private JsonObject firstPart(JsonObject r) {
    return r.getJsonArray("files").getJsonObject(0);
  }

  @Test
  void validUploadWorks() {
    assertEquals("pending", f.call("files.upload", ALICE, valid()).getString("status"));
  }

  @Test
  void anonymousIs401() {
    JsonObject r = valid();
    r.remove("username");
    assertEquals(ErrorCode.UNAUTHENTICATED, f.error("files.upload", ANONYMOUS, r).code());
  }

  @Test
  void refusesInvalidDeclarations() {
    refused(ErrorCode.VALIDATION, r -> r.put("extra", 1));
    refused(ErrorCode.VALIDATION, r -> r.remove("files"));
    refused(ErrorCode.VALIDATION, r -> r.put("files", new JsonArray()));
    refused(ErrorCode.VALIDATION, r -> r.remove("meta"));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").remove("name"));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("name", "  "));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("name", "x".repeat(201)));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("alias", "nope"));
    refused(
        ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("description", "x".repeat(20_001)));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("website", "ftp://x.org"));
    refused(
        ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("tags", new JsonArray().add("a,b")));
    refused(
        ErrorCode.VALIDATION,
        r -> r.getJsonObject("meta").put("tags", new JsonArray().add("x".repeat(41))));
    refused(
        ErrorCode.VALIDATION,
        r -> {
          JsonArray many = new JsonArray();
          for (int i = 0; i < 33; i++) {
            many.add("t" + i);
          }
          r.getJsonObject("meta").put("tags", many);
        });
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("c_x", new JsonArray()));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("c_x", "x".repeat(4097)));
    refused(ErrorCode.VALIDATION, r -> r.getJsonObject("meta").put("other", 1));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("md5Hash", "abc"));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("md5Hash", "z".repeat(32)));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("type", "Original"));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("contentLength", 0));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("contentLength", "5"));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("contentType", "not a type"));
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("unknown", true));
    refused(ErrorCode.VALIDATION, r -> r.put("expires", 604_801));
    refused(ErrorCode.VALIDATION, r -> r.put("expires", 0));
    refused(ErrorCode.VALIDATION, r -> r.put("uploadType", "Bad Type"));
    refused(ErrorCode.VALIDATION, r -> r.put("temp", "yes"));
    refused(ErrorCode.VALIDATION, r -> r.put("access", req("setPublic", true, "more", 1)));
    refused(ErrorCode.VALIDATION, r -> r.put("postAction", req("delete", true)));
    refused(ErrorCode.VALIDATION, r -> r.put("postAction", req("update", req("alias", "   "))));
    refused(
        ErrorCode.VALIDATION,
        r -> r.put("postAction", req("update", req("meta", req("alias", "   ")))));
    refused(
        ErrorCode.VALIDATION,
        r -> r.put("postAction", req("update", req("meta", req("owner", "x")))));
    refused(
        ErrorCode.VALIDATION,
        r -> {
          JsonArray parts = new JsonArray();
          for (int i = 0; i < 65; i++) {
            parts.add(part("p", "image/png", png(1, 1)));
          }
          r.put("files", parts);
        });
  }

  @Test
  void contentTypeNotAllowedIs400() {
    refused(ErrorCode.VALIDATION, r -> firstPart(r).put("contentType", "application/pdf"));
  }

  @Test
  void tooLargeIs413() {
    refused(ErrorCode.TOO_LARGE, r -> firstPart(r).put("contentLength", 1001));
  }

  @Test
  void declaredOptionsAreKept() {
    JsonObject r =
        valid()
            .put("temp", true)
            .put("unlisted", true)
            .put("directOnly", true)
            .put("uploadType", "avatar")
            .put("origin", "https://app.example")
            .put("access", req("setPublic", true));
    r.getJsonArray("files").add(part("notes", "text/plain", text("n")).put("originalName", "n.md"));
    JsonObject rec = f.call("files.upload", ALICE, r);
    assertEquals(true, rec.getBoolean("temp"));
    assertEquals(true, rec.getBoolean("unlisted"));
    assertEquals(true, rec.getBoolean("directOnly"));
    assertEquals(true, rec.getBoolean("public"));
    assertEquals("avatar", rec.getString("uploadType"));
    assertTrue(rec.getJsonArray("files").getJsonObject(1).getString("filename").endsWith(".md"));
    assertEquals("n.md", rec.getJsonArray("files").getJsonObject(1).getString("originalName"));
    assertEquals("https://app.example", f.blobs.signedUploads().get(0).origin());
    assertTrue(f.blobs.signedUploads().get(0).publicRead());
    assertTrue(f.blobs.signedUploads().get(0).resumable(), "resumable by default");
    assertEquals(900, f.blobs.signedUploads().get(0).expiresSeconds());
  }

  @Test
  void aTransientFailureAfterTheCreateAnswersWithoutWaitingForTheWithdrawal() {
    RacingStore store = new RacingStore(new MemoryFileStore());
    Fixture g = new Fixture(ActionOptions.defaults(), store);
    Promise<Void> storeComesBack = Promise.promise();
    store.holdDeletesUntil(storeComesBack.future());
    store.failNextUpdate(FileError.unavailable("store frozen", null));

    FileError e = g.error("files.upload", ALICE, valid());

    assertEquals(ErrorCode.UNAVAILABLE, e.code());
    assertEquals(1, store.deletesAsked(), "the withdrawal was started");
    storeComesBack.complete();
    assertEquals(0, await(store.list(ListQuery.all())).total(), "and went through later");
  }

  @Test
  void aPermanentFailureAfterTheCreateAnswersOnceTheRecordIsWithdrawn() {
    RacingStore store = new RacingStore(new MemoryFileStore());
    Fixture g = new Fixture(ActionOptions.defaults(), store);
    store.failNextUpdate(new FileError(ErrorCode.INTERNAL, "refused"));

    assertEquals(ErrorCode.INTERNAL, g.error("files.upload", ALICE, valid()).code());
    assertEquals(0, await(store.list(ListQuery.all())).total(), "nothing left");
  }
}
