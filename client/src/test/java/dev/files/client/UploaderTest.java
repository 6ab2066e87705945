package dev.files.client;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Uploader against a running service: real files read as streams, bytes PUT to the service's
 * local storage through a proxy that can drop the connection, processing awaited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploaderTest {
  private static final int CHUNK = UploaderOptions.CHUNK_UNIT;

  private ServiceFixture fixture;
  private FilesClient files;
  private Uploader uploader;
  private WebClient web;

  @BeforeAll
  void start() throws Exception {
    fixture = new ServiceFixture(Map.of());
    files = FilesClient.overEventBus(fixture.node);
    uploader =
        Uploader.create(
            fixture.node,
            files,
            new UploaderOptions()
                .setChunkSize(CHUNK)
                .setResumeBackoff(Duration.ofMillis(50))
                .setMaxResumes(12)
                .setMaxResumeBackoff(Duration.ofSeconds(2))
                .setPollInterval(Duration.ofMillis(50)));
    web = WebClient.create(fixture.tools);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @AfterEach
  void healProxies() {
    fixture.storageProxy.reset();
  }

  @Test
  void aResumableUploadSurvivesADroppedConnection() throws Exception {
    byte[] bytes = ServiceFixture.randomBytes(3 * CHUNK + 1234, 7);
    String owner = "uploader-" + UUID.randomUUID();
    List<UploadProgress> progress = new CopyOnWriteArrayList<>();
    // Past the first chunk, in the middle of the second.
    fixture.storageProxy.dropOnceAfter(CHUNK + CHUNK / 2);

    JsonObject file =
        await(
            uploader.upload(
                ServiceFixture.uploadRequest(owner, bytes, true),
                List.of(open(bytes)),
                progress::add));

    assertEquals(1, fixture.storageProxy.drops(), "the connection was dropped once");
    assertEquals("processed", file.getString("status"));
    assertEquals(bytes.length, file.getLong("contentLength"));
    assertTrue(
        progress.stream().anyMatch(p -> p.phase() == UploadProgress.Phase.RESUMING),
        "resuming was reported");
    UploadProgress last = progress.get(progress.size() - 1);
    assertEquals(UploadProgress.Phase.PROCESSED, last.phase());
    assertEquals(bytes.length, last.bytesSent());
    assertArrayEquals(bytes, download(owner, file.getString("uploadId")));
  }

  @Test
  void aSinglePutUploadReportsProgressAndIsProcessed() throws Exception {
    byte[] bytes = ServiceFixture.randomBytes(100_000, 11);
    String owner = "uploader-" + UUID.randomUUID();
    List<UploadProgress> progress = new CopyOnWriteArrayList<>();

    JsonObject file =
        await(
            uploader.upload(
                ServiceFixture.uploadRequest(owner, bytes, false),
                List.of(open(bytes)),
                progress::add));

    assertEquals("processed", file.getString("status"));
    assertTrue(
        progress.stream()
            .anyMatch(
                p -> p.phase() == UploadProgress.Phase.SENDING && p.bytesSent() == bytes.length),
        "every byte was counted");
    assertArrayEquals(bytes, download(owner, file.getString("uploadId")));
  }

  @Test
  void bytesThatDoNotMatchTheDeclarationFailAsTheApiSays() throws Exception {
    byte[] bytes = ServiceFixture.randomBytes(2 * CHUNK, 13);
    byte[] other = ServiceFixture.randomBytes(2 * CHUNK, 14);
    JsonObject request = ServiceFixture.uploadRequest("liar-" + UUID.randomUUID(), bytes, true);

    FileError error = FilesClientTest.failure(uploader.upload(request, List.of(open(other))));

    assertTrue(
        error.code() == ErrorCode.INVALID_CONTENT || error.code() == ErrorCode.VALIDATION,
        "the storage or processing refuses bytes with another MD5: " + error);
    assertTrue(error.getMessage().startsWith("upload "), "names the upload: " + error.getMessage());
  }

  private AsyncFile open(byte[] bytes) throws Exception {
    Path file = Files.createTempFile("upload", ".bin");
    Files.write(file, bytes);
    return await(fixture.node.fileSystem().open(file.toString(), new OpenOptions().setRead(true)));
  }

  private byte[] download(String owner, String uploadId) {
    JsonObject urls =
        await(files.download(new JsonObject().put("username", owner).put("uploadId", uploadId)));
    return await(web.getAbs(urls.getJsonArray("urls").getString(0)).send())
        .bodyAsBuffer()
        .getBytes();
  }
}
