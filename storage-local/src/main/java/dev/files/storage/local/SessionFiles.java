package dev.files.storage.local;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resumable sessions on disk: {@code <id>.json} (written atomically) and {@code <id>.part} (the
 * bytes so far). Every method blocks.
 */
final class SessionFiles {
  private final DiskLayout layout;

  SessionFiles(DiskLayout layout) {
    this.layout = layout;
  }

  void create(UploadSession session) throws IOException {
    Files.deleteIfExists(layout.sessionPart(session.id()));
    Files.createFile(layout.sessionPart(session.id()));
    save(session);
  }

  Optional<UploadSession> find(String id) throws IOException {
    try {
      String json = Files.readString(layout.session(id), StandardCharsets.UTF_8);
      return Optional.of(UploadSession.fromJson(new JsonObject(json)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  void save(UploadSession session) throws IOException {
    layout.writeAtomically(
        layout.session(session.id()), session.toJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  void delete(String id) throws IOException {
    Files.deleteIfExists(layout.session(id));
    Files.deleteIfExists(layout.sessionPart(id));
  }

  Path part(String id) {
    return layout.sessionPart(id);
  }

  /**
   * Cuts the part file back to the committed bytes (a failed chunk may have left more) and returns
   * the digests of those bytes: {@code known} when it already covers exactly them, else recomputed
   * from the file.
   */
  Digests prepare(UploadSession session, Digests known) throws IOException {
    Path part = part(session.id());
    try (FileChannel ch =
        FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
      if (ch.size() < session.committed()) {
        throw new IOException(
            "session " + session.id() + " part file is shorter than its committed bytes");
      }
      ch.truncate(session.committed());
    }
    if (known != null && known.count() == session.committed()) {
      return known;
    }
    return Digests.ofFilePrefix(part, session.committed());
  }

  /** Deletes expired sessions; returns their ids. */
  List<String> purgeExpired(long nowMillis) throws IOException {
    List<String> purged = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.sessionsDir(), "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        if (!DiskLayout.isSessionId(id)) {
          continue;
        }
        Optional<UploadSession> session = find(id);
        if (session.map(s -> s.expired(nowMillis)).orElse(false)) {
          delete(id);
          purged.add(id);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return purged;
  }
}
