package dev.files.storage.local;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The objects on disk: commit an upload (fsync, atomic rename, sidecar), read sidecars and bytes,
 * delete, flip the public flag. Every method blocks (callers run it on a worker thread); changes of
 * one object are serialized by a striped lock so that a sidecar is never read-modified-written
 * concurrently.
 */
final class BlobDisk {
  private static final int STRIPES = 64;

  private final DiskLayout layout;
  private final Clock clock;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final AtomicLong lastGeneration = new AtomicLong();

  BlobDisk(DiskLayout layout, Clock clock) {
    this.layout = layout;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  DiskLayout layout() {
    return layout;
  }

  /** The sidecar, or empty when the object is not (completely) stored. */
  Optional<ObjectMeta> meta(String bucket, String object) throws IOException {
    Path file = layout.meta(bucket, object);
    try {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(ObjectMeta.fromJson(new JsonObject(json)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  ObjectMeta require(String bucket, String object) throws IOException {
    return meta(bucket, object)
        .orElseThrow(() -> FileError.notFound("no object " + bucket + "/" + object));
  }

  /**
   * Makes a verified upload the object: fsyncs the source, renames it over the object atomically,
   * then writes the sidecar atomically. The sidecar is the commit point: an object without one is
   * not found. An object is written once: an existing one fails the commit with 412 ({@code
   * PreconditionFailed}). The generation is the finalize time in microseconds, strictly increasing
   * within the process.
   */
  ObjectMeta commit(
      Path source,
      String bucket,
      String object,
      Digests digests,
      String contentType,
      boolean publicRead)
      throws IOException {
    DiskLayout.fsync(source);
    return locked(
        bucket,
        object,
        () -> {
          refuseExisting(bucket, object);
          long now = clock.millis();
          long generation = lastGeneration.updateAndGet(last -> Math.max(now * 1000, last + 1));
          ObjectMeta meta =
              new ObjectMeta(
                  bucket,
                  object,
                  digests.count(),
                  digests.md5Base64(),
                  digests.crc32cBase64(),
                  generation,
                  contentType,
                  publicRead,
                  now);
          moveIn(source, bucket, object);
          writeMeta(meta);
          return meta;
        });
  }

  /**
   * Written once, as the GCS backend's ifGenerationMatch=0: a replayed URL cannot replace an object
   * (and raise a second finalize event for it).
   */
  private void refuseExisting(String bucket, String object) throws IOException {
    if (meta(bucket, object).isPresent()) {
      throw new FileError(
          ErrorCode.NOT_READY,
          "object " + bucket + "/" + object + " exists already",
          List.of("PreconditionFailed"),
          null);
    }
  }

  /** Renames {@code source} over the object's data file, durably. */
  private void moveIn(Path source, String bucket, String object) throws IOException {
    Path target = layout.data(bucket, object);
    if (Files.isDirectory(target)) {
      throw clash(object, null);
    }
    try {
      layout.moveDurably(source, target);
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw clash(object, e);
    }
  }

  /** Up to {@code length} bytes from {@code offset}; fewer at the end of the object. */
  Buffer read(String bucket, String object, long offset, int length) throws IOException {
    ObjectMeta meta = require(bucket, object);
    if (offset < 0 || length < 0) {
      throw FileError.validation("offset and length must not be negative");
    }
    int n = (int) Math.max(0, Math.min(length, meta.size() - offset));
    ByteBuffer buf = ByteBuffer.allocate(n);
    try (FileChannel ch = FileChannel.open(layout.data(bucket, object), StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          break;
        }
      }
    } catch (NoSuchFileException e) {
      throw FileError.notFound("no object " + bucket + "/" + object);
    }
    buf.flip();
    return Buffer.buffer(java.util.Arrays.copyOf(buf.array(), buf.limit()));
  }

  /**
   * Deletes the object and its sidecar; with a generation, only when that generation is the stored
   * one (another generation means the asked-for one is already gone: nothing to do). Returns
   * whether something was deleted.
   */
  boolean delete(String bucket, String object, Long generation) throws IOException {
    return locked(
        bucket,
        object,
        () -> {
          Optional<ObjectMeta> meta = meta(bucket, object);
          if (generation != null && meta.map(m -> m.generation() != generation).orElse(false)) {
            return false;
          }
          // Sidecar first: without it the object is not found, so a crash in between leaves no
          // half-visible object.
          boolean had = Files.deleteIfExists(layout.meta(bucket, object));
          had |= Files.deleteIfExists(layout.data(bucket, object));
          return had;
        });
  }

  void setPublic(String bucket, String object, boolean publicRead) throws IOException {
    locked(
        bucket,
        object,
        () -> {
          ObjectMeta meta = require(bucket, object);
          if (meta.publicRead() != publicRead) {
            writeMeta(meta.withPublicRead(publicRead, clock.millis()));
          }
          return null;
        });
  }

  private static FileError clash(String object, Throwable cause) {
    return new FileError(
        ErrorCode.CONFLICT,
        "object name " + object + " clashes with the path of another object",
        cause);
  }

  private void writeMeta(ObjectMeta meta) throws IOException {
    layout.writeAtomically(
        layout.meta(meta.bucket(), meta.object()),
        meta.toJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  private <T> T locked(String bucket, String object, IoSupplier<T> action) throws IOException {
    ReentrantLock lock = locks[Math.floorMod((bucket + "/" + object).hashCode(), STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
