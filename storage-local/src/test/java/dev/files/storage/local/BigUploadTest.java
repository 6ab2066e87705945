package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.BUCKET;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams a large object (system property {@code files.test.bigUploadMiB}, default 64) through HTTP
 * from a file to the storage, both sides streaming: neither the client nor the server holds the
 * body. Run with a small heap to see it (docs/backends/local-storage.md has the 1 GiB command).
 */
class BigUploadTest {
  private static final int MIB = 1024 * 1024;

  @TempDir static Path dataDir;
  @TempDir static Path sourceDir;
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
  void aLargeSinglePutIsStreamedToDisk() throws Exception {
    int mib = Integer.getInteger("files.test.bigUploadMiB", 64);
    long size = (long) mib * MIB;
    Path source = sourceDir.resolve("big.bin");
    long writeStart = System.nanoTime();
    String md5 = writeRandomFile(source, mib);
    double rawSeconds = (System.nanoTime() - writeStart) / 1e9;

    String object = "big/1/big.bin";
    UploadTarget target =
        await(
            fx.storage.signUpload(
                new UploadRequest(
                    BUCKET,
                    object,
                    "application/octet-stream",
                    size,
                    md5,
                    false,
                    900,
                    null,
                    false)));

    long uploadStart = System.nanoTime();
    int status = streamPut(target, source, size);
    double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;

    assertEquals(200, status);
    ObjectStat stat = await(fx.storage.stat(BUCKET, object));
    assertEquals(size, stat.size());
    assertEquals(md5, stat.md5Base64());
    Path stored = dataDir.resolve("blobs/files").resolve(object);
    assertEquals(size, Files.size(stored));
    assertEquals(md5, md5Of(stored));
    assertEquals(1, fx.awaitEvents(object, 1).size());
    System.out.printf(
        "big upload: %d MiB in %.2f s = %.0f MB/s over HTTP (MD5+CRC32C+fsync); raw write of the"
            + " source with fsync: %.0f MB/s; max heap %d MiB%n",
        mib,
        uploadSeconds,
        size / 1e6 / uploadSeconds,
        size / 1e6 / rawSeconds,
        Runtime.getRuntime().maxMemory() / MIB);
  }

  private static int streamPut(UploadTarget target, Path source, long size) {
    RequestOptions options =
        new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(target.location());
    target.headers().forEach(options::putHeader);
    options.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
    return fx.onClientContext(
        () ->
            fx.vertx
                .fileSystem()
                .open(source.toString(), new OpenOptions().setRead(true))
                .compose(
                    file ->
                        fx.client
                            .request(options)
                            .compose(request -> request.send(file.setReadBufferSize(256 * 1024))))
                .compose(response -> response.body().map(body -> response.statusCode())));
  }

  private static String writeRandomFile(Path file, int mib) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    Random random = new Random(42);
    byte[] block = new byte[MIB];
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < mib; i++) {
        random.nextBytes(block);
        md5.update(block);
        out.write(block);
      }
    }
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }

  private static String md5Of(Path file) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] buf = new byte[MIB];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md5.update(buf, 0, n);
      }
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }
}
