package dev.files.action;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.files.blob.memory.MemoryBlobStorage;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecordJson;
import dev.files.store.FileStore;
import dev.files.store.memory.MemoryFileStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions over a memory store, memory blob storage, a movable clock, a tiny content inspector
 * and a scheduler that remembers what it was asked to process.
 */
final class Fixture {
  static final Caller ALICE = new Caller("alice", false);
  static final Caller BOB = new Caller("bob", false);
  static final Caller ADMIN = new Caller("root", true);
  static final Caller ANONYMOUS = Caller.anonymous();
  static final Caller SYSTEM = Caller.system();

  /** A 1x1... PNG header announcing {@code width x height}. */
  static byte[] png(int width, int height) {
    Buffer b = Buffer.buffer();
    b.appendBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.appendInt(13).appendString("IHDR").appendInt(width).appendInt(height);
    b.appendBytes(new byte[] {8, 6, 0, 0, 0});
    b.appendBytes(new byte[64]);
    return b.getBytes();
  }

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  final MovableClock clock = new MovableClock();
  final MemoryBlobStorage blobs = new MemoryBlobStorage("bucket-1");
  final FileStore store;
  final List<String> scheduled = new ArrayList<>();
  final Actions actions;
  final ActionOptions options;

  Fixture() {
    this(ActionOptions.defaults(), new MemoryFileStore());
  }

  Fixture(ActionOptions options) {
    this(options, new MemoryFileStore());
  }

  Fixture(ActionOptions options, FileStore store) {
    this.options = options;
    this.store = store;
    ActionContext ctx =
        new ActionContext(
            null, store, store, blobs, options, new TinyInspector(), clock, scheduled::add);
    actions = new Actions(ctx);
  }

  // ---- calling actions

  JsonObject call(String action, Caller caller, JsonObject request) {
    try {
      return await(actions.call(action, caller, request));
    } catch (FileError e) {
      throw new AssertionError(action + " failed: " + e.code().code() + " " + e.getMessage(), e);
    }
  }

  FileError error(String action, Caller caller, JsonObject request) {
    try {
      JsonObject reply = await(actions.call(action, caller, request));
      return fail(action + " should fail but replied " + reply.encode());
    } catch (FileError e) {
      return e;
    }
  }

  void expect(ErrorCode code, String action, Caller caller, JsonObject request) {
    FileError e = error(action, caller, request);
    assertEquals(code, e.code(), action + ": " + e.getMessage());
  }

  // ---- the life of a file

  /** A part declaration for bytes. */
  static JsonObject part(String type, String contentType, byte[] bytes) {
    return new JsonObject()
        .put("type", type)
        .put("contentType", contentType)
        .put("contentLength", bytes.length)
        .put("md5Hash", md5Hex(bytes));
  }

  static String md5Hex(byte[] bytes) {
    return HexFormat.of()
        .formatHex(java.util.Base64.getDecoder().decode(MemoryBlobStorage.md5Base64(bytes)));
  }

  static JsonObject uploadRequest(String user, String name, JsonObject... parts) {
    return new JsonObject()
        .put("username", user)
        .put("files", new JsonArray(new ArrayList<>(List.of((Object[]) parts))))
        .put("meta", new JsonObject().put("name", name));
  }

  /** Uploads a single-part image; the record is pending. */
  JsonObject pending(Caller owner, String name) {
    return call(
        "files.upload",
        owner,
        uploadRequest(owner.user(), name, part("original", "image/png", png(4, 3))));
  }

  /** Stores the bytes of every part of an upload and finishes each; returns the last reply. */
  JsonObject store(JsonObject pending, Map<String, byte[]> bytesByType) {
    JsonObject last = null;
    for (Object o : pending.getJsonArray("files")) {
      JsonObject p = (JsonObject) o;
      blobs.put(
          p.getString("bucket"), p.getString("filename"), bytesByType.get(p.getString("type")));
      last = finish(p.getString("filename"));
    }
    return last;
  }

  JsonObject finish(String filename) {
    return call("files.finish", SYSTEM, new JsonObject().put("filename", filename));
  }

  JsonObject process(String uploadId) {
    return call("files.process", SYSTEM, new JsonObject().put("uploadId", uploadId));
  }

  /** A processed single-part PNG file with these extra upload properties. */
  JsonObject processed(Caller owner, String name, JsonObject extra) {
    byte[] bytes = png(4, 3);
    JsonObject req = uploadRequest(owner.user(), name, part("original", "image/png", bytes));
    extra.forEach(e -> req.put(e.getKey(), e.getValue()));
    JsonObject pending = call("files.upload", owner, req);
    store(pending, Map.of("original", bytes));
    return process(pending.getString("uploadId"));
  }

  JsonObject processed(Caller owner, String name) {
    return processed(owner, name, new JsonObject());
  }

  JsonObject info(Caller caller, String uploadId) {
    return call(
            "files.info",
            caller,
            new JsonObject().put("username", caller.user()).put("uploadId", uploadId))
        .getJsonObject("file");
  }

  /** The stored record as JSON, whatever its visibility. */
  JsonObject record(String uploadId) {
    return FileRecordJson.toJson(await(store.get(uploadId)));
  }

  static JsonObject req(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new JsonObject(m);
  }

  static void assertStatus(String expected, JsonObject file) {
    assertEquals(expected, file.getString("status"), file.encodePrettily());
  }

  /** A clock tests move forward. */
  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** PNG (with IHDR size), JPEG, PDF by magic; printable text; else unknown. */
  static final class TinyInspector implements ContentInspector {
    @Override
    public Future<Inspection> inspect(Buffer head, String declaredType, String name) {
      byte[] b = head.getBytes();
      if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
        return Future.succeededFuture(
            new Inspection("image/png", head.getInt(16), head.getInt(20)));
      }
      if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
        return Future.succeededFuture(new Inspection("image/jpeg", null, null));
      }
      if (b.length >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
        return Future.succeededFuture(new Inspection("application/pdf", null, null));
      }
      boolean printable = b.length > 0;
      for (byte x : b) {
        printable &= x == '\n' || x == '\r' || x == '\t' || (x >= 0x20 && x < 0x7f);
      }
      return Future.succeededFuture(
          printable ? new Inspection("text/plain", null, null) : Inspection.unknown());
    }
  }
}
