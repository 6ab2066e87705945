package dev.files.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where things live under the root, and the durable-write primitives (fsync, atomic rename,
 * directory fsync). All methods block.
 *
 * <pre>
 * root/
 *   bucket/owner-hash/uploadId/uuid.ext         the bytes of an object
 *   .meta/bucket/owner-hash/uploadId/uuid.ext.json   its sidecar ({@link ObjectMeta})
 *   .sessions/id.json, .sessions/id.part         resumable sessions ({@link UploadSession})
 *   .tmp/                                        uploads in flight and files being replaced
 * </pre>
 *
 * Bucket names cannot start with a dot, so the dot directories never clash with a bucket.
 */
final class DiskLayout {
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  private final Path root;

  DiskLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path data(String bucket, String object) {
    return BlobNames.resolve(root, bucket, object);
  }

  Path meta(String bucket, String object) {
    Path file = BlobNames.resolve(root.resolve(".meta"), bucket, object);
    return file.resolveSibling(file.getFileName() + ".json");
  }

  Path sessionsDir() {
    return root.resolve(".sessions");
  }

  Path tmpDir() {
    return root.resolve(".tmp");
  }

  static boolean isSessionId(String id) {
    return id != null && SESSION_ID.matcher(id).matches();
  }

  Path session(String id) {
    return sessionsDir().resolve(checkedId(id) + ".json");
  }

  Path sessionPart(String id) {
    return sessionsDir().resolve(checkedId(id) + ".part");
  }

  /** A fresh temporary file name on the same file system as the objects. */
  Path newTemp() {
    return tmpDir().resolve(UUID.randomUUID() + ".tmp");
  }

  void createDirectories() throws IOException {
    Files.createDirectories(root);
    Files.createDirectories(root.resolve(".meta"));
    Files.createDirectories(sessionsDir());
    Files.createDirectories(tmpDir());
  }

  /** Writes the bytes to a temporary file, fsyncs it and renames it over the target. */
  void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = newTemp();
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      moveDurably(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames source over target atomically and fsyncs the target's directory. */
  void moveDurably(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.getParent());
  }

  static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the rename itself is still atomic there.
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static String checkedId(String id) {
    if (!isSessionId(id)) {
      throw dev.files.error.FileError.notFound("no such upload session");
    }
    return id;
  }
}
