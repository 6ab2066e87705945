package dev.files.storage.local;

import static dev.files.storage.local.BlobFixture.bytes;
import static dev.files.storage.local.BlobFixture.md5;
import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.FileError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload pipeline on its own: the event loop only hands buffers over (they pile up while the
 * workers are busy, and the sink asks for a pause at its bound), the bytes reach the file and the
 * digests in order, and failures reach the caller.
 */
class UploadSinkTest {
  private static final int MAX_BUFFER = 64 * 1024;
  private static final int PIECE = 8 * 1024;

  @TempDir Path dir;
  Vertx vertx;
  WorkerExecutor workers;
  Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("upload-sink-test", 2);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void buffersPileUpOffTheEventLoopUntilTheBoundThenDrainInOrder() throws Exception {
    byte[] data = bytes(4 * MAX_BUFFER, 41);
    Path file = dir.resolve("part");
    FileChannel channel = open(file);
    Digests digests = new Digests();
    UploadSink sink = new UploadSink(workers, channel, 0, digests, data.length, MAX_BUFFER);
    CountDownLatch release = new CountDownLatch(1);
    busyWorkers(release);

    int accepted =
        onContext(
            () -> {
              int offset = 0;
              while (!sink.writeQueueFull()) {
                sink.write(Buffer.buffer(Arrays.copyOfRange(data, offset, offset + PIECE)));
                offset += PIECE;
              }
              return Future.succeededFuture(offset);
            });

    assertEquals(MAX_BUFFER, accepted, "the sink asks for a pause once its bound is queued");
    assertEquals(0, digests.count(), "nothing was hashed on the event loop");
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> sink.drainHandler(drained::complete));
    release.countDown();
    await(drained.future());
    onContext(
        () -> {
          for (int offset = accepted; offset < data.length; offset += PIECE) {
            sink.write(Buffer.buffer(Arrays.copyOfRange(data, offset, offset + PIECE)));
          }
          return sink.end();
        });
    channel.close();

    assertEquals(data.length, digests.count());
    assertEquals(md5(data), digests.md5Base64());
    assertEquals(Digests.ofFilePrefix(file, data.length).crc32cBase64(), digests.crc32cBase64());
    assertArrayEquals(data, Files.readAllBytes(file));
  }

  @Test
  void aBodyFromAPositionIsWrittenThereAndAddedToTheDigestsSoFar() throws Exception {
    byte[] data = bytes(3 * PIECE, 42);
    Path file = dir.resolve("resumed");
    Files.write(file, Arrays.copyOf(data, PIECE));
    Digests digests = Digests.ofFilePrefix(file, PIECE);
    FileChannel channel = open(file);
    UploadSink sink = new UploadSink(workers, channel, PIECE, digests, 2 * PIECE, MAX_BUFFER);

    onContext(
        () -> {
          sink.write(Buffer.buffer(Arrays.copyOfRange(data, PIECE, 2 * PIECE)));
          sink.write(Buffer.buffer(Arrays.copyOfRange(data, 2 * PIECE, 3 * PIECE)));
          return sink.end();
        });
    channel.close();

    assertEquals(md5(data), digests.md5Base64());
    assertArrayEquals(data, Files.readAllBytes(file));
  }

  @Test
  void moreBytesThanTheLimitFailTheWrite() throws Exception {
    FileChannel channel = open(dir.resolve("limited"));
    UploadSink sink = new UploadSink(workers, channel, 0, new Digests(), PIECE, MAX_BUFFER);

    FileError e =
        assertThrows(
            FileError.class, () -> onContext(() -> sink.write(Buffer.buffer(new byte[PIECE + 1]))));

    assertEquals("RequestBodyTooLarge", e.details().get(0));
    channel.close();
  }

  @Test
  void aFailedDiskWriteFailsTheEnd() throws Exception {
    FileChannel channel = open(dir.resolve("closed"));
    channel.close();
    UploadSink sink = new UploadSink(workers, channel, 0, new Digests(), PIECE, MAX_BUFFER);

    assertThrows(
        RuntimeException.class,
        () ->
            onContext(
                () -> {
                  sink.write(Buffer.buffer(new byte[PIECE]));
                  return sink.end();
                }));
    await(onContextFuture(sink::stop));
  }

  /** Occupies both worker threads until {@code release} opens. */
  private void busyWorkers(CountDownLatch release) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      workers.executeBlocking(
          () -> {
            started.countDown();
            return release.await(60, TimeUnit.SECONDS);
          },
          false);
    }
    assertTrue(started.await(30, TimeUnit.SECONDS), "the workers did not start");
  }

  private <T> T onContext(Supplier<Future<T>> work) {
    return await(onContextFuture(work));
  }

  private <T> Future<T> onContextFuture(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }

  private static FileChannel open(Path file) throws Exception {
    return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
  }
}
