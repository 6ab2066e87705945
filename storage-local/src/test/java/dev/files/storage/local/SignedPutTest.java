package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.BUCKET;
import static dev.files.storage.local.BlobFixture.bytes;
import static dev.files.storage.local.BlobFixture.md5;
import static dev.files.storage.local.BlobFixture.upload;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.storage.local.BlobFixture.Response;
import dev.files.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedPutTest {
  @TempDir static Path dataDir;
  static BlobFixture fx;

  @BeforeAll
  static void start() {
    fx = BlobFixture.start(dataDir);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void storesTheBytesAndRaisesOneFinalizeEvent() throws Exception {
    byte[] data = bytes(100_000, 1);
    String object = "owner1/up1/a.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    assertFalse(target.resumable());
    assertEquals(Map.of("Content-Type", "image/png", "Content-MD5", md5(data)), target.headers());

    Response r = fx.send(HttpMethod.PUT, target.location(), target.headers(), Buffer.buffer(data));

    assertEquals(200, r.status(), r.body().toString());
    JsonObject resource = r.json();
    assertEquals(Long.toString(data.length), resource.getString("size"));
    assertEquals(md5(data), resource.getString("md5Hash"));
    ObjectStat stat = await(fx.storage.stat(BUCKET, object));
    assertEquals(data.length, stat.size());
    assertEquals(md5(data), stat.md5Base64());
    assertEquals("image/png", stat.contentType());
    assertEquals(Long.toString(stat.generation()), resource.getString("generation"));
    assertEquals(Long.toString(stat.generation()), r.headers().get("x-goog-generation"));
    assertArrayEquals(data, Files.readAllBytes(dataDir.resolve("blobs/files/owner1/up1/a.png")));

    List<JsonObject> events = fx.awaitEvents(object, 1);
    assertEquals(1, events.size(), events.toString());
    JsonObject e = events.get(0);
    assertEquals(BUCKET, e.getString("bucket"));
    assertEquals(data.length, e.getLong("contentLength"));
    assertEquals(md5(data), e.getString("md5Hash"));
    assertEquals(stat.generation(), e.getLong("generation"));
    assertTmpEmpty();
  }

  @Test
  void aReplayedUrlCannotReplaceTheObject() throws Exception {
    byte[] data = bytes(1000, 11);
    String object = "owner1/replay/r.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    assertEquals(200, put(target.location(), target.headers(), data).status());
    ObjectStat first = await(fx.storage.stat(BUCKET, object));

    Response replay = put(target.location(), target.headers(), data);

    assertEquals(412, replay.status(), replay.body().toString());
    assertEquals("PreconditionFailed", replay.errorReason());
    assertEquals(first, await(fx.storage.stat(BUCKET, object)));
    assertEquals(1, fx.awaitEvents(object, 1).size());
    assertTmpEmpty();
  }

  @Test
  void crc32cIsGcsStyleBase64BigEndian() {
    byte[] data = "hello world".getBytes();
    String object = "owner1/up1/crc.txt";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    assertEquals(
        200,
        fx.send(HttpMethod.PUT, target.location(), target.headers(), Buffer.buffer(data)).status());
    // CRC32C("hello world") = 0xc99465aa
    assertEquals("yZRlqg==", await(fx.storage.stat(BUCKET, object)).crc32c());
  }

  @Test
  void bytesWithAnotherMd5AreRejectedAndNothingIsStored() throws Exception {
    byte[] data = bytes(5000, 2);
    String object = "owner1/up2/bad-md5.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    byte[] other = bytes(5000, 3);

    Response r = fx.send(HttpMethod.PUT, target.location(), target.headers(), Buffer.buffer(other));

    assertEquals(400, r.status());
    assertEquals("BadDigest", r.errorReason());
    assertNothingStored(object);
  }

  @Test
  void anotherMd5HeaderTypeOrSizeDoesNotMatchTheSignature() throws Exception {
    byte[] data = bytes(5000, 4);
    String object = "owner1/up3/x.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));

    Map<String, String> wrongMd5 = new HashMap<>(target.headers());
    wrongMd5.put("Content-MD5", md5(bytes(5000, 5)));
    assertEquals(403, put(target.location(), wrongMd5, data).status());

    Map<String, String> wrongType = new HashMap<>(target.headers());
    wrongType.put("Content-Type", "image/jpeg");
    Response r = put(target.location(), wrongType, data);
    assertEquals(403, r.status());
    assertEquals("SignatureDoesNotMatch", r.errorReason());

    byte[] longer = new byte[data.length + 10];
    System.arraycopy(data, 0, longer, 0, data.length);
    assertEquals(403, put(target.location(), target.headers(), longer).status());
    byte[] shorter = java.util.Arrays.copyOf(data, data.length - 1);
    assertEquals(403, put(target.location(), target.headers(), shorter).status());
    assertNothingStored(object);
  }

  @Test
  void expiredUrlIsRejectedWith400() throws Exception {
    byte[] data = bytes(100, 6);
    String object = "owner1/up4/late.png";
    UploadRequest req =
        new UploadRequest(BUCKET, object, "image/png", 100, md5(data), false, 1, null, false);
    UploadTarget target = await(fx.storage.signUpload(req));
    fx.clock.advance(Duration.ofMillis(2100));

    Response r = put(target.location(), target.headers(), data);

    assertEquals(400, r.status());
    assertEquals("ExpiredToken", r.errorReason());
    assertNothingStored(object);
  }

  @Test
  void tamperedUrlsAreRejectedWith403() throws Exception {
    byte[] data = bytes(100, 7);
    String object = "owner1/up5/t.png";
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    String url = target.location();

    String otherObject = url.replace("/t.png?", "/u.png?");
    String laterExpiry = url.replaceAll("expires=(\\d+)", "expires=9999999999");
    String madePublic = url.replace("&sig=", "&public=1&sig=");
    String flippedSig = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
    String noSig = url.substring(0, url.indexOf("&sig="));
    for (String bad : List.of(otherObject, laterExpiry, madePublic, flippedSig, noSig)) {
      Response r = put(bad, target.headers(), data);
      assertEquals(403, r.status(), bad);
    }
    assertNothingStored(object);
    assertNothingStored("owner1/up5/u.png");
  }

  @Test
  void publicReadFromTheStartIsBoundAndApplied() {
    byte[] data = bytes(10, 8);
    String object = "owner1/up6/p.png";
    UploadRequest req =
        new UploadRequest(BUCKET, object, "image/png", 10, md5(data), false, 60, null, true);
    UploadTarget target = await(fx.storage.signUpload(req));
    assertEquals(200, put(target.location(), target.headers(), data).status());
    Response r = fx.get(fx.storage.directUrl(BUCKET, object), Map.of());
    assertEquals(200, r.status());
    assertArrayEquals(data, r.body().getBytes());
  }

  @Test
  void aNameThatClashesWithAnotherObjectsPathIsAConflict() throws Exception {
    byte[] data = bytes(10, 10);
    assertEquals(200, signedPut("owner1/clash/x", data).status());

    Response fileAsDirectory = signedPut("owner1/clash/x/y", data);
    assertEquals(409, fileAsDirectory.status(), fileAsDirectory.body().toString());
    Response directoryAsFile = signedPut("owner1/clash", data);
    assertEquals(409, directoryAsFile.status(), directoryAsFile.body().toString());
    assertNothingStored("owner1/clash/x/y");
    assertThrows(FileError.class, () -> await(fx.storage.stat(BUCKET, "owner1/clash")));
    assertTrue(Files.isDirectory(dataDir.resolve("blobs/files/owner1/clash")));
    assertArrayEquals(data, Files.readAllBytes(dataDir.resolve("blobs/files/owner1/clash/x")));
    assertTmpEmpty();
  }

  @Test
  void invalidUploadRequestsFailValidation() {
    byte[] data = bytes(10, 9);
    for (UploadRequest bad :
        List.of(
            new UploadRequest(BUCKET, "../x", "a/b", 10, md5(data), false, 60, null, false),
            new UploadRequest("UP", "x", "a/b", 10, md5(data), false, 60, null, false),
            new UploadRequest("upload", "x", "a/b", 10, md5(data), false, 60, null, false),
            new UploadRequest(BUCKET, "x", "a/b", 10, "nope", false, 60, null, false),
            new UploadRequest(BUCKET, "x", "", 10, md5(data), false, 60, null, false))) {
      FileError e =
          assertThrows(FileError.class, () -> await(fx.storage.signUpload(bad)), bad.toString());
      assertEquals(ErrorCode.VALIDATION, e.code());
    }
  }

  private static Response signedPut(String object, byte[] data) {
    UploadTarget target = await(fx.storage.signUpload(upload(object, data, false)));
    return put(target.location(), target.headers(), data);
  }

  private static Response put(String url, Map<String, String> headers, byte[] body) {
    return fx.send(HttpMethod.PUT, url, headers, Buffer.buffer(body));
  }

  private static void assertNothingStored(String object) throws Exception {
    FileError e = assertThrows(FileError.class, () -> await(fx.storage.stat(BUCKET, object)));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertFalse(Files.exists(dataDir.resolve("blobs/files").resolve(object)));
    assertTrue(fx.eventsFor(object).isEmpty());
    assertTmpEmpty();
  }

  private static void assertTmpEmpty() throws Exception {
    // The temporary file is removed after the response; give the worker a moment.
    Path tmp = dataDir.resolve("blobs/.tmp");
    Eventually.eventually(
        Duration.ofSeconds(5),
        () -> {
          try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
