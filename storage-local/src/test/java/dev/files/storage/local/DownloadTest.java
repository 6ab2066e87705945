package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.BUCKET;
import static dev.files.storage.local.BlobFixture.ORIGIN;
import static dev.files.storage.local.BlobFixture.bytes;
import static dev.files.storage.local.BlobFixture.upload;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.ObjectStat;
import dev.files.blob.UploadTarget;
import dev.files.storage.local.BlobFixture.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {
  private static final String OBJECT = "d/1/photo.png";
  private static final byte[] DATA = bytes(70_000, 31);

  @TempDir static Path dataDir;
  static BlobFixture fx;

  @BeforeAll
  static void start() {
    fx = BlobFixture.start(dataDir);
    UploadTarget t = await(fx.storage.signUpload(upload(OBJECT, DATA, false)));
    Response r = fx.send(HttpMethod.PUT, t.location(), t.headers(), Buffer.buffer(DATA));
    assertEquals(200, r.status());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void signedUrlServesIdenticalBytesWithHeaders() {
    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, null));

    Response r = fx.get(url, Map.of());

    assertEquals(200, r.status());
    assertArrayEquals(DATA, r.body().getBytes());
    assertEquals("image/png", r.headers().get("Content-Type"));
    assertEquals(Integer.toString(DATA.length), r.headers().get("Content-Length"));
    assertEquals("bytes", r.headers().get("Accept-Ranges"));
    String md5Hex =
        HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(BlobFixture.md5(DATA)));
    assertEquals("\"" + md5Hex + "\"", r.headers().get("ETag"));
    assertNull(r.headers().get("Content-Disposition"));
  }

  @Test
  void privateObjectsNeedAValidUnexpiredSignature() throws Exception {
    String direct = fx.storage.directUrl(BUCKET, OBJECT);
    assertEquals(403, fx.get(direct, Map.of()).status());

    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, null));
    String tampered = url.replaceAll("expires=(\\d+)", "expires=9999999999");
    assertEquals(403, fx.get(tampered, Map.of()).status());
    String otherObject = url.replace("photo.png", "photo2.png");
    assertEquals(403, fx.get(otherObject, Map.of()).status());

    String shortLived = await(fx.storage.signDownload(BUCKET, OBJECT, 1, null));
    fx.clock.advance(Duration.ofMillis(2100));
    Response expired = fx.get(shortLived, Map.of());
    assertEquals(400, expired.status());
    assertEquals("ExpiredToken", expired.errorReason());
  }

  @Test
  void publicObjectsAreServedByTheirDirectUrl() {
    String object = "d/2/public.png";
    byte[] data = bytes(1000, 32);
    UploadTarget t = await(fx.storage.signUpload(upload(object, data, false)));
    assertEquals(
        200, fx.send(HttpMethod.PUT, t.location(), t.headers(), Buffer.buffer(data)).status());
    String direct = fx.storage.directUrl(BUCKET, object);
    assertEquals(403, fx.get(direct, Map.of()).status());

    await(fx.storage.setPublic(BUCKET, object, true));
    Response r = fx.get(direct, Map.of());
    assertEquals(200, r.status());
    assertArrayEquals(data, r.body().getBytes());

    await(fx.storage.setPublic(BUCKET, object, false));
    assertEquals(403, fx.get(direct, Map.of()).status());
  }

  @Test
  void rangesAreServedWith206And416() {
    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, null));

    Response middle = fx.get(url, Map.of("Range", "bytes=100-199"));
    assertEquals(206, middle.status());
    assertArrayEquals(Arrays.copyOfRange(DATA, 100, 200), middle.body().getBytes());
    assertEquals("bytes 100-199/" + DATA.length, middle.headers().get("Content-Range"));
    assertEquals("100", middle.headers().get("Content-Length"));

    Response open = fx.get(url, Map.of("Range", "bytes=69990-"));
    assertEquals(206, open.status());
    assertArrayEquals(Arrays.copyOfRange(DATA, 69990, DATA.length), open.body().getBytes());

    Response suffix = fx.get(url, Map.of("Range", "bytes=-5"));
    assertEquals(206, suffix.status());
    assertArrayEquals(
        Arrays.copyOfRange(DATA, DATA.length - 5, DATA.length), suffix.body().getBytes());

    Response beyond = fx.get(url, Map.of("Range", "bytes=-999999999"));
    assertEquals(206, beyond.status());
    assertArrayEquals(DATA, beyond.body().getBytes());

    Response unsatisfiable = fx.get(url, Map.of("Range", "bytes=70000-"));
    assertEquals(416, unsatisfiable.status());
    assertEquals("bytes */" + DATA.length, unsatisfiable.headers().get("Content-Range"));

    Response several = fx.get(url, Map.of("Range", "bytes=0-1,5-6"));
    assertEquals(200, several.status());
    assertArrayEquals(DATA, several.body().getBytes());
  }

  @Test
  void headAnswersHeadersOnly() {
    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, null));

    Response head = fx.send(HttpMethod.HEAD, url, Map.of(), null);

    assertEquals(200, head.status());
    assertEquals(Integer.toString(DATA.length), head.headers().get("Content-Length"));
    assertEquals(0, head.body().length());
  }

  @Test
  void saveAsIsSignedAndSetsContentDisposition() {
    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, "Holiday \"photo\" é.png"));

    Response r = fx.get(url, Map.of());

    assertEquals(200, r.status());
    String disposition = r.headers().get("Content-Disposition");
    assertTrue(
        disposition.startsWith("attachment; filename=\"Holiday _photo_ _.png\""), disposition);
    assertTrue(disposition.contains("filename*=UTF-8''Holiday%20%22photo%22%20%C3%A9.png"));

    String changed = url.replace("Holiday", "Evil");
    assertEquals(403, fx.get(changed, Map.of()).status());
  }

  @Test
  void unknownObjectsAre404() {
    String url = await(fx.storage.signDownload(BUCKET, "d/none.png", 600, null));
    assertEquals(404, fx.get(url, Map.of()).status());
    assertEquals(404, fx.get(fx.storage.directUrl(BUCKET, "d/none.png"), Map.of()).status());
  }

  @Test
  void configuredOriginsGetCorsHeaders() {
    String url = await(fx.storage.signDownload(BUCKET, OBJECT, 600, null));
    Response r = fx.get(url, Map.of("Origin", ORIGIN));
    assertEquals(ORIGIN, r.headers().get("Access-Control-Allow-Origin"));
    assertTrue(r.headers().get("Access-Control-Expose-Headers").contains("Content-Range"));
    assertNull(
        fx.get(url, Map.of("Origin", "https://evil.example"))
            .headers()
            .get("Access-Control-Allow-Origin"));

    Response preflight =
        fx.send(
            HttpMethod.OPTIONS,
            fx.storage.directUrl(BUCKET, "d/new.png"),
            Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "PUT"),
            null);
    assertEquals(200, preflight.status());
    assertEquals(ORIGIN, preflight.headers().get("Access-Control-Allow-Origin"));
    assertTrue(preflight.headers().get("Access-Control-Allow-Headers").contains("Content-MD5"));
  }

  @Test
  void statReadDeleteThroughTheApi() {
    String object = "d/3/api.png";
    byte[] data = bytes(5000, 33);
    UploadTarget t = await(fx.storage.signUpload(upload(object, data, false)));
    assertEquals(
        200, fx.send(HttpMethod.PUT, t.location(), t.headers(), Buffer.buffer(data)).status());
    ObjectStat stat = await(fx.storage.stat(BUCKET, object));

    assertArrayEquals(
        Arrays.copyOfRange(data, 10, 30),
        await(fx.storage.read(BUCKET, object, 10, 20)).getBytes());
    assertArrayEquals(
        Arrays.copyOfRange(data, 4990, 5000),
        await(fx.storage.read(BUCKET, object, 4990, 100)).getBytes());
    assertEquals(0, await(fx.storage.read(BUCKET, object, 6000, 10)).length());

    await(fx.storage.delete(BUCKET, object, stat.generation() + 1));
    assertEquals(stat, await(fx.storage.stat(BUCKET, object)));
    await(fx.storage.delete(BUCKET, object, stat.generation()));
    assertEquals(
        404, fx.get(await(fx.storage.signDownload(BUCKET, object, 60, null)), Map.of()).status());
    await(fx.storage.delete(BUCKET, object, null));

    UploadTarget again = await(fx.storage.signUpload(upload(object, data, false)));
    assertEquals(
        200,
        fx.send(HttpMethod.PUT, again.location(), again.headers(), Buffer.buffer(data)).status());
    ObjectStat second = await(fx.storage.stat(BUCKET, object));
    assertTrue(second.generation() > stat.generation());
    await(fx.storage.delete(BUCKET, object, null));
    assertEquals(
        dev.files.error.ErrorCode.NOT_FOUND,
        org.junit.jupiter.api.Assertions.assertThrows(
                dev.files.error.FileError.class, () -> await(fx.storage.read(BUCKET, object, 0, 1)))
            .code());
  }
}
