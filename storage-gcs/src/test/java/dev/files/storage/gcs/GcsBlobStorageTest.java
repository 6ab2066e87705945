package dev.files.storage.gcs;

import static dev.files.testing.Await.await;
import static dev.files.testing.Await.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.error.Retry;
import dev.files.storage.gcs.testing.FakeGcsServer;
import dev.files.storage.gcs.testing.FakeGcsServer.StoredObject;
import dev.files.storage.gcs.testing.TestServiceAccount;
import dev.files.storage.gcs.testing.V4Signatures;
import dev.files.testing.FreePorts;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GcsBlobStorage with the real google-cloud-storage client against {@link FakeGcsServer}, using a
 * generated service-account key: what the client sends is what Google would get.
 */
class GcsBlobStorageTest {
  static final String BUCKET = "files-test";
  static final String UNIFORM_BUCKET = "files-uniform";

  static Vertx vertx;
  static FakeGcsServer fake;
  static TestServiceAccount account;
  static GcsBlobStorage storage;
  static GcsBlobStorage uniformStorage;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() throws IOException {
    vertx = Vertx.vertx();
    fake = await(FakeGcsServer.start(vertx));
    Path dir = Files.createTempDirectory("gcs-test");
    account = TestServiceAccount.generate(dir, fake.tokenUri());
    fake.createBucket(BUCKET, false).createBucket(UNIFORM_BUCKET, true).trust(account);
    fake.requireAuthorization(true);
    storage = await(GcsBlobStorage.create(vertx, fake.config(BUCKET, account)));
    uniformStorage =
        await(
            GcsBlobStorage.create(
                vertx, fake.config(UNIFORM_BUCKET, account).withUniformBucketLevelAccess(true)));
  }

  @AfterAll
  static void tearDown() {
    await(storage.close());
    await(uniformStorage.close());
    await(fake.close());
    await(vertx.close());
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  static String name() {
    return "owner-hash/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".bin";
  }

  static UploadRequest request(String bucket, String object, byte[] content, boolean resumable) {
    return new UploadRequest(
        bucket,
        object,
        "image/png",
        content.length,
        FakeGcsServer.md5(content),
        resumable,
        900,
        resumable ? "https://app.example" : null,
        false);
  }

  static UploadRequest publicRequest(String bucket, String object, byte[] content) {
    UploadRequest r = request(bucket, object, content, false);
    return new UploadRequest(
        r.bucket(),
        r.object(),
        r.contentType(),
        r.contentLength(),
        r.md5Base64(),
        false,
        900,
        null,
        true);
  }

  static HttpResponse<byte[]> put(String url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  // ------------------------------------------------------------------ single PUT

  @Test
  void signedPutUrlCarriesDeclaredTypeAndMd5AmongSignedHeadersAndVerifies() {
    byte[] content = bytes(1000);
    String object = name();
    UploadTarget target = await(storage.signUpload(request(BUCKET, object, content, false)));

    assertFalse(target.resumable());
    assertEquals("image/png", target.headers().get("Content-Type"));
    assertEquals(FakeGcsServer.md5(content), target.headers().get("Content-MD5"));
    assertTrue(
        V4Signatures.signedHeaders(target.location())
            .containsAll(
                List.of("content-md5", "content-type", "host", "x-goog-content-length-range")),
        target.location());
    URI url = URI.create(target.location());
    assertTrue(target.location().startsWith(fake.baseUrl() + "/" + BUCKET + "/owner-hash/"));
    String host = url.getHost() + ":" + url.getPort();
    Map<String, String> sent = lower(target.headers());
    assertNull(
        V4Signatures.problem(
            "PUT",
            url,
            h -> h.equals("host") ? host : sent.get(h),
            email -> email.equals(account.email()) ? account.publicKey() : null,
            Instant.now()));
    // the same URL does not verify for another type or MD5
    Map<String, String> otherType = new HashMap<>(sent);
    otherType.put("content-type", "text/html");
    assertEquals(
        "signature does not match",
        V4Signatures.problem(
            "PUT",
            url,
            h -> h.equals("host") ? host : otherType.get(h),
            email -> account.publicKey(),
            Instant.now()));
  }

  private static Map<String, String> lower(Map<String, String> headers) {
    Map<String, String> m = new HashMap<>();
    headers.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
    return m;
  }

  @Test
  void signedPutUploadsOnceAndStatReportsSizeMd5Crc32cGeneration() throws Exception {
    byte[] content = bytes(5000);
    String object = name();
    UploadTarget target = await(storage.signUpload(request(BUCKET, object, content, false)));

    assertEquals(200, put(target.location(), target.headers(), content).statusCode());
    StoredObject stored = fake.object(BUCKET, object).orElseThrow();
    ObjectStat stat = await(storage.stat(BUCKET, object));
    assertEquals(5000, stat.size());
    assertEquals(FakeGcsServer.md5(content), stat.md5Base64());
    assertEquals(FakeGcsServer.crc32c(content), stat.crc32c());
    assertEquals(stored.generation(), stat.generation());
    assertEquals("image/png", stat.contentType());
    assertFalse(stored.publicRead());
    // the name is written once: a replay of the URL fails the generation precondition
    assertEquals(412, put(target.location(), target.headers(), content).statusCode());
    assertEquals(stored.generation(), fake.object(BUCKET, object).orElseThrow().generation());
  }

  @Test
  void signedPutRefusesOtherBytesOtherTypeAndOtherSize() throws Exception {
    byte[] content = bytes(3000);
    String object = name();
    UploadTarget target = await(storage.signUpload(request(BUCKET, object, content, false)));

    byte[] other = bytes(2999);
    Map<String, String> headers = new HashMap<>(target.headers());
    assertEquals(
        400, put(target.location(), headers, Arrays.copyOf(content, 3000 - 1)).statusCode());
    headers.put("Content-MD5", FakeGcsServer.md5(other));
    assertEquals(403, put(target.location(), headers, other).statusCode());
    headers = new HashMap<>(target.headers());
    headers.put("Content-Type", "text/html");
    assertEquals(403, put(target.location(), headers, content).statusCode());
    byte[] sameSizeOtherBytes = bytes(3000);
    sameSizeOtherBytes[0] ^= 1;
    assertEquals(400, put(target.location(), target.headers(), sameSizeOtherBytes).statusCode());
    assertTrue(fake.object(BUCKET, object).isEmpty());
  }

  @Test
  void publicSinglePutCarriesAclOnlyWhenTheBucketHasAcls() throws Exception {
    byte[] content = bytes(100);
    String object = name();
    UploadTarget target = await(storage.signUpload(publicRequest(BUCKET, object, content)));
    assertEquals("public-read", target.headers().get("x-goog-acl"));
    assertTrue(V4Signatures.signedHeaders(target.location()).contains("x-goog-acl"));
    assertEquals(200, put(target.location(), target.headers(), content).statusCode());
    assertTrue(fake.object(BUCKET, object).orElseThrow().publicRead());
    HttpResponse<byte[]> direct = get(storage.directUrl(BUCKET, object));
    assertEquals(200, direct.statusCode());
    assertArrayEquals(content, direct.body());

    String uniform = name();
    UploadTarget u =
        await(uniformStorage.signUpload(publicRequest(UNIFORM_BUCKET, uniform, content)));
    assertFalse(u.headers().containsKey("x-goog-acl"));
    assertEquals(200, put(u.location(), u.headers(), content).statusCode());
    assertTrue(fake.object(UNIFORM_BUCKET, uniform).isPresent());
  }

  // ------------------------------------------------------------------ resumable

  @Test
  void resumableSessionIsStartedByTheServiceAndTakesSeveralChunks() throws Exception {
    int q = FakeGcsServer.CHUNK_GRANULARITY;
    byte[] content = bytes(2 * q + 1234);
    String object = name();
    int authorizationsBefore = fake.authorizations().size();
    UploadTarget target = await(storage.signUpload(request(BUCKET, object, content, true)));

    assertTrue(target.resumable());
    assertTrue(target.location().startsWith(fake.baseUrl() + "/upload/storage/v1/b/" + BUCKET));
    assertTrue(
        fake.authorizations().subList(authorizationsBefore, fake.authorizations().size()).stream()
            .anyMatch(a -> a.equals("Bearer " + FakeGcsServer.ACCESS_TOKEN)),
        "the session was started with the service's credentials");
    assertTrue(fake.object(BUCKET, object).isEmpty());

    // first chunk: 256 KiB
    HttpResponse<byte[]> r1 =
        put(
            target.location(),
            Map.of("Content-Range", "bytes 0-" + (q - 1) + "/*"),
            Arrays.copyOfRange(content, 0, q));
    assertEquals(308, r1.statusCode());
    assertEquals("bytes=0-" + (q - 1), r1.headers().firstValue("Range").orElseThrow());
    assertEquals(
        "https://app.example",
        r1.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    // an unaligned chunk: GCS persists whole 256 KiB units only, and says so in Range
    HttpResponse<byte[]> r2 =
        put(
            target.location(),
            Map.of("Content-Range", "bytes " + q + "-" + (2 * q + 99) + "/*"),
            Arrays.copyOfRange(content, q, 2 * q + 100));
    assertEquals(308, r2.statusCode());
    assertEquals("bytes=0-" + (2 * q - 1), r2.headers().firstValue("Range").orElseThrow());
    // status query
    HttpResponse<byte[]> status =
        put(target.location(), Map.of("Content-Range", "bytes */" + content.length), new byte[0]);
    assertEquals(308, status.statusCode());
    // the rest, from where the session says it is
    HttpResponse<byte[]> last =
        put(
            target.location(),
            Map.of(
                "Content-Range",
                "bytes " + 2 * q + "-" + (content.length - 1) + "/" + content.length),
            Arrays.copyOfRange(content, 2 * q, content.length));
    assertEquals(200, last.statusCode());

    ObjectStat stat = await(storage.stat(BUCKET, object));
    assertEquals(content.length, stat.size());
    assertEquals(FakeGcsServer.md5(content), stat.md5Base64());
    assertEquals("image/png", stat.contentType());
    assertArrayEquals(content, fake.object(BUCKET, object).orElseThrow().bytes());
  }

  @Test
  void resumableSessionRefusesBytesWithAnotherMd5OrSize() throws Exception {
    byte[] content = bytes(4000);
    String object = name();
    UploadTarget target = await(storage.signUpload(request(BUCKET, object, content, true)));
    byte[] tampered = content.clone();
    tampered[10] ^= 1;
    assertEquals(400, put(target.location(), Map.of(), tampered).statusCode());
    assertTrue(fake.object(BUCKET, object).isEmpty());

    UploadTarget again = await(storage.signUpload(request(BUCKET, object, content, true)));
    assertEquals(400, put(again.location(), Map.of(), Arrays.copyOf(content, 3999)).statusCode());
    assertTrue(fake.object(BUCKET, object).isEmpty());
  }

  @Test
  void publicResumableUploadIsPublicWithAclsAndPlainWithUniformAccess() throws Exception {
    byte[] content = bytes(10);
    String object = name();
    UploadRequest r = request(BUCKET, object, content, true);
    UploadRequest pub =
        new UploadRequest(
            r.bucket(),
            r.object(),
            r.contentType(),
            r.contentLength(),
            r.md5Base64(),
            true,
            900,
            null,
            true);
    UploadTarget target = await(storage.signUpload(pub));
    assertEquals(200, put(target.location(), Map.of(), content).statusCode());
    assertTrue(fake.object(BUCKET, object).orElseThrow().publicRead());

    UploadRequest upub =
        new UploadRequest(
            UNIFORM_BUCKET,
            object,
            r.contentType(),
            r.contentLength(),
            r.md5Base64(),
            true,
            900,
            null,
            true);
    UploadTarget u = await(uniformStorage.signUpload(upub));
    assertEquals(200, put(u.location(), Map.of(), content).statusCode());
    assertFalse(fake.object(UNIFORM_BUCKET, object).orElseThrow().publicRead());
  }

  // ------------------------------------------------------------------ stat, read, delete

  @Test
  void statOfAMissingObjectIsNotFound() {
    assertEquals(ErrorCode.NOT_FOUND, failure(storage.stat(BUCKET, name())).code());
  }

  @Test
  void readReturnsTheRequestedRangeAndFewerAtTheEnd() {
    byte[] content = bytes(10_000);
    String object = name();
    fake.put(BUCKET, object, content, "application/octet-stream");

    assertArrayEquals(
        Arrays.copyOfRange(content, 0, 64), await(storage.read(BUCKET, object, 0, 64)).getBytes());
    assertArrayEquals(
        Arrays.copyOfRange(content, 5000, 6000),
        await(storage.read(BUCKET, object, 5000, 1000)).getBytes());
    assertArrayEquals(
        Arrays.copyOfRange(content, 9990, 10_000),
        await(storage.read(BUCKET, object, 9990, 4096)).getBytes());
    assertEquals(ErrorCode.NOT_FOUND, failure(storage.read(BUCKET, name(), 0, 10)).code());
  }

  @Test
  void deleteHonoursTheGenerationPrecondition() {
    String object = name();
    StoredObject first = fake.put(BUCKET, object, bytes(10), "text/plain");
    StoredObject second = fake.put(BUCKET, object, bytes(11), "text/plain");
    assertTrue(second.generation() > first.generation());

    // the first generation is gone: deleting it leaves the second in place and succeeds
    await(storage.delete(BUCKET, object, first.generation()));
    assertEquals(second.generation(), fake.object(BUCKET, object).orElseThrow().generation());
    assertTrue(
        fake.requests().stream()
            .anyMatch(r -> r.contains("ifGenerationMatch=" + first.generation())));

    await(storage.delete(BUCKET, object, second.generation()));
    assertTrue(fake.object(BUCKET, object).isEmpty());
    // deleting what is not there succeeds
    await(storage.delete(BUCKET, object, second.generation()));
    await(storage.delete(BUCKET, object, null));

    fake.put(BUCKET, object, bytes(12), "text/plain");
    await(storage.delete(BUCKET, object, null));
    assertTrue(fake.object(BUCKET, object).isEmpty());
  }

  // ------------------------------------------------------------------ public/private, downloads

  @Test
  void setPublicTogglesTheAllUsersReaderAcl() throws Exception {
    String object = name();
    byte[] content = bytes(200);
    fake.put(BUCKET, object, content, "image/png");
    String direct = storage.directUrl(BUCKET, object);
    assertEquals(fake.baseUrl() + "/" + BUCKET + "/" + object, direct);
    assertEquals(403, get(direct).statusCode());

    await(storage.setPublic(BUCKET, object, true));
    assertTrue(fake.object(BUCKET, object).orElseThrow().publicRead());
    assertEquals(200, get(direct).statusCode());

    await(storage.setPublic(BUCKET, object, false));
    assertFalse(fake.object(BUCKET, object).orElseThrow().publicRead());
    assertEquals(403, get(direct).statusCode());
    // making private what is private already succeeds
    await(storage.setPublic(BUCKET, object, false));
    assertEquals(ErrorCode.NOT_FOUND, failure(storage.setPublic(BUCKET, name(), true)).code());
  }

  @Test
  void uniformBucketLevelAccessLeavesObjectsAloneAndServesPublicFilesFromTheBase() {
    String object = name();
    fake.put(UNIFORM_BUCKET, object, bytes(20), "image/png");
    await(uniformStorage.setPublic(UNIFORM_BUCKET, object, true));
    assertFalse(fake.object(UNIFORM_BUCKET, object).orElseThrow().publicRead());

    GcsBlobStorage cdn =
        new GcsBlobStorage(
            vertx,
            GcsBlobStorage.buildClient(fake.config(UNIFORM_BUCKET, account)),
            new GcsConfig(
                UNIFORM_BUCKET, null, null, fake.baseUrl(), true, "https://cdn.example/"));
    assertEquals(
        "https://cdn.example/" + UNIFORM_BUCKET + "/a%20b/c%2Bd.png",
        cdn.directUrl(UNIFORM_BUCKET, "a b/c+d.png"));
    await(cdn.close());
  }

  @Test
  void signedDownloadServesThePrivateObjectAndRenames() throws Exception {
    String object = name();
    byte[] content = bytes(300);
    fake.put(BUCKET, object, content, "image/png");

    String plain = await(storage.signDownload(BUCKET, object, 3600, null));
    HttpResponse<byte[]> r = get(plain);
    assertEquals(200, r.statusCode());
    assertArrayEquals(content, r.body());
    assertTrue(r.headers().firstValue("Content-Disposition").isEmpty());

    String renamed = await(storage.signDownload(BUCKET, object, 3600, "Holiday \"2024\" é.png"));
    HttpResponse<byte[]> rr = get(renamed);
    assertEquals(200, rr.statusCode());
    assertEquals(
        "attachment; filename=\"Holiday _2024_ _.png\"; filename*=UTF-8''Holiday%20%222024%22%20%C3%A9.png",
        rr.headers().firstValue("Content-Disposition").orElseThrow());
    // tampering with the disposition breaks the signature
    assertEquals(403, get(renamed.replace("Holiday", "Hacked")).statusCode());
  }

  @Test
  void unreachableStorageIsUnavailable() throws IOException {
    int deadPort = FreePorts.next();
    Storage client =
        StorageOptions.http()
            .setHost("http://127.0.0.1:" + deadPort)
            .setProjectId("test-project")
            .setCredentials(NoCredentials.getInstance())
            .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build())
            .build()
            .getService();
    GcsBlobStorage dead =
        new GcsBlobStorage(
            vertx, client, GcsConfig.ofBucket(BUCKET).withHost("http://127.0.0.1:" + deadPort));
    FileError down = failure(dead.stat(BUCKET, "x"));
    assertEquals(ErrorCode.UNAVAILABLE, down.code());
    assertTrue(Retry.isTransient(down), "worth another attempt");
    String body = down.toJson().encode();
    assertFalse(body.contains("127.0.0.1") || body.contains(String.valueOf(deadPort)), body);
    assertEquals(ErrorCode.UNAVAILABLE, failure(dead.delete(BUCKET, "x", 1L)).code());
    assertEquals(
        ErrorCode.UNAVAILABLE,
        failure(dead.signUpload(request(BUCKET, "x", "abc".getBytes(StandardCharsets.UTF_8), true)))
            .code());
    await(dead.close());
  }
}
