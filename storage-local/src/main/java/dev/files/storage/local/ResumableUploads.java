package dev.files.storage.local;

import dev.files.blob.UploadRequest;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Resumable upload sessions, GCS protocol: PUT the whole body, or chunks with {@code Content-Range:
 * bytes a-b/N} (308 with {@code Range: bytes=0-x} while incomplete), {@code bytes *}{@code /N} asks
 * where the upload stands. A chunk is durable (fsync, committed offset saved) before its 308. One
 * request at a time writes to a session; the digests of the bytes so far are kept in memory between
 * chunks and recomputed from the part file when missing (after a restart or a failed chunk).
 */
final class ResumableUploads {
  /** How long a session lives once created, as in GCS. */
  static final long SESSION_LIFETIME_MS = 7L * 24 * 3600 * 1000;

  private final LocalBlobStorage storage;
  private final SessionFiles files;
  private final UploadReceiver receiver;
  private final ConcurrentMap<String, Digests> progress = new ConcurrentHashMap<>();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  ResumableUploads(LocalBlobStorage storage, SessionFiles files, UploadReceiver receiver) {
    this.storage = storage;
    this.files = files;
    this.receiver = receiver;
  }

  /** What a PUT to a session achieved. */
  sealed interface Outcome {}

  /** The upload is incomplete; {@code committed} bytes are stored. */
  record Incomplete(long committed) implements Outcome {}

  /** The upload is complete and is this object. */
  record Complete(ObjectMeta meta) implements Outcome {}

  /** A new session for the request; its first byte must arrive by {@code startByMillis}. */
  Future<UploadSession> create(UploadRequest request, long startByMillis) {
    byte[] idBytes = new byte[24];
    random.nextBytes(idBytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    long now = storage.clock().millis();
    UploadSession session =
        new UploadSession(
            id,
            request.bucket(),
            request.object(),
            request.contentType(),
            request.contentLength(),
            request.md5Base64(),
            request.publicRead(),
            request.origin(),
            startByMillis,
            now + SESSION_LIFETIME_MS,
            0,
            null);
    return storage.blocking(
        () -> {
          files.create(session);
          return session;
        });
  }

  /** The live session; {@code not-found} when unknown, cancelled or expired. */
  Future<UploadSession> find(String id) {
    if (!DiskLayout.isSessionId(id)) {
      return Future.failedFuture(FileError.notFound("no such upload session"));
    }
    return storage
        .blocking(() -> files.find(id))
        .compose(
            found -> {
              if (found.isEmpty() || found.get().expired(storage.clock().millis())) {
                return Future.failedFuture(FileError.notFound("no such upload session"));
              }
              return Future.succeededFuture(found.get());
            });
  }

  /**
   * Handles one PUT: a status query, the whole body ({@code range} null), or a chunk. A chunk that
   * does not start at the committed offset is not read: the answer tells the real offset.
   */
  Future<Outcome> put(HttpServerRequest request, String id, ContentRange range, Long bodyLength) {
    if (!busy.add(id)) {
      return Future.failedFuture(
          new FileError(ErrorCode.CONFLICT, "another request is writing to this upload session"));
    }
    return find(id)
        .compose(session -> write(request, session, range, bodyLength))
        .onComplete(done -> busy.remove(id));
  }

  /** Cancels the session: its bytes go, later requests get 404. */
  Future<Void> cancel(String id) {
    if (!busy.add(id)) {
      return Future.failedFuture(
          new FileError(ErrorCode.CONFLICT, "another request is writing to this upload session"));
    }
    return find(id)
        .compose(
            session ->
                storage.<Void>blocking(
                    () -> {
                      files.delete(id);
                      return null;
                    }))
        .onComplete(
            done -> {
              progress.remove(id);
              busy.remove(id);
            });
  }

  /** Removes expired sessions and their bytes; returns how many. */
  Future<Integer> purgeExpired() {
    return storage
        .blocking(() -> files.purgeExpired(storage.clock().millis()))
        .map(
            (List<String> ids) -> {
              ids.forEach(progress::remove);
              return ids.size();
            });
  }

  private Future<Outcome> write(
      HttpServerRequest request, UploadSession session, ContentRange range, Long bodyLength) {
    if (session.completed()) {
      return Future.succeededFuture(new Complete(session.result()));
    }
    return storage
        .blocking(() -> completedUnrecorded(session))
        .compose(
            stored -> {
              if (stored.isPresent()) {
                storage.announce(stored.get());
                return Future.succeededFuture(new Complete(stored.get()));
              }
              return writeIncomplete(request, session, range, bodyLength);
            });
  }

  /**
   * The object of a session whose last chunk was committed by a process that died (or failed)
   * before it recorded the completion: the object exists with the session's size and MD5. The
   * session is recorded complete now, so that the client's status query or repeated chunk gets the
   * object (as from GCS) instead of a refused second write; the caller raises the finalize event,
   * which the process that committed may not have raised (files.finish makes a repeat harmless).
   */
  private Optional<ObjectMeta> completedUnrecorded(UploadSession session) throws IOException {
    Optional<ObjectMeta> stored = storage.disk().meta(session.bucket(), session.object());
    if (stored.isEmpty()
        || stored.get().size() != session.size()
        || !stored.get().md5Base64().equals(session.md5Base64())) {
      return Optional.empty();
    }
    files.save(session.withResult(stored.get()));
    progress.remove(session.id());
    return stored;
  }

  private Future<Outcome> writeIncomplete(
      HttpServerRequest request, UploadSession session, ContentRange range, Long bodyLength) {
    if (range != null && range.total() != null && range.total() != session.size()) {
      return Future.failedFuture(
          FileError.validation(
              "Content-Range total "
                  + range.total()
                  + " is not the session's size "
                  + session.size(),
              "Content-Range"));
    }
    if (range != null && range.isQuery()) {
      return Future.succeededFuture(new Incomplete(session.committed()));
    }
    long start = range == null ? 0 : range.first();
    long length = range == null ? session.size() : range.length();
    if (range != null && start != session.committed()) {
      return Future.succeededFuture(new Incomplete(session.committed()));
    }
    if (start + length > session.size()) {
      return Future.failedFuture(
          FileError.validation("Content-Range goes past the session's size", "Content-Range"));
    }
    if (bodyLength != null && bodyLength != length) {
      return Future.failedFuture(
          FileError.validation(
              "Content-Length " + bodyLength + " differs from the range's " + length + " bytes",
              "Content-Length"));
    }
    return receive(request, session, start, length);
  }

  /** The chunk's bytes from {@code start}, appended to what the session kept up to there. */
  private Future<Outcome> receive(
      HttpServerRequest request, UploadSession session, long start, long length) {
    UploadSession base = session.withCommitted(start);
    Path part = files.part(session.id());
    Digests known = progress.remove(session.id());
    return storage
        .blocking(
            () -> {
              if (base.committed() != session.committed()) {
                files.save(base);
              }
              return files.prepare(base, known);
            })
        .compose(
            digests ->
                receiver
                    .receive(request, part, start, length, digests)
                    .compose(v -> afterChunk(base, start + length, digests)));
  }

  private Future<Outcome> afterChunk(UploadSession session, long end, Digests digests) {
    if (digests.count() != end) {
      return Future.failedFuture(
          FileError.validation(
              "the body ended after " + (digests.count() - session.committed()) + " bytes",
              "IncompleteBody"));
    }
    if (end < session.size()) {
      return keepGoing(session, end, digests);
    }
    if (!digests.md5Base64().equals(session.md5Base64())) {
      return discard(session, digests);
    }
    return complete(session, digests);
  }

  /** A chunk short of the end: made durable, the session's progress kept for the next one. */
  private Future<Outcome> keepGoing(UploadSession session, long end, Digests digests) {
    Path part = files.part(session.id());
    return storage
        .blocking(
            () -> {
              DiskLayout.fsync(part);
              files.save(session.withCommitted(end));
              return null;
            })
        .map(
            v -> {
              progress.put(session.id(), digests);
              return (Outcome) new Incomplete(end);
            });
  }

  /** All bytes in, but not the declared MD5: the session is deleted. */
  private Future<Outcome> discard(UploadSession session, Digests digests) {
    return storage
        .blocking(
            () -> {
              files.delete(session.id());
              return null;
            })
        .compose(
            v -> Future.failedFuture(LocalBlobStorage.badDigest(digests, session.md5Base64())));
  }

  /** All bytes in with the declared MD5: the object is committed and announced. */
  private Future<Outcome> complete(UploadSession session, Digests digests) {
    Path part = files.part(session.id());
    return storage
        .blocking(
            () -> {
              ObjectMeta meta =
                  storage
                      .disk()
                      .commit(
                          part,
                          session.bucket(),
                          session.object(),
                          digests,
                          session.contentType(),
                          session.publicRead());
              files.save(session.withResult(meta));
              return meta;
            })
        .map(
            meta -> {
              storage.announce(meta);
              return (Outcome) new Complete(meta);
            });
  }
}
