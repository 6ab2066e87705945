package dev.files.blob;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Object storage for the bytes: Google Cloud Storage in production, local disk in the embedded
 * default. The service never proxies uploads in production: it hands out signed, single-purpose
 * URLs and later checks what arrived with {@link #stat}.
 *
 * <p>When an object is finalized the storage raises an {@link ObjectFinalized} event (GCS through
 * Pub/Sub, local storage in-process) that drives files.finish.
 */
public interface BlobStorage {

  /** The bucket new objects go to. */
  String bucket();

  /**
   * Where and how the client uploads one object: a signed single-request PUT bound to type, size
   * and MD5, or a resumable session.
   */
  Future<UploadTarget> signUpload(UploadRequest request);

  /** A signed, expiring download URL; {@code saveAs} set makes browsers save under that name. */
  Future<String> signDownload(String bucket, String object, long expiresSeconds, String saveAs);

  /** An unsigned URL for a public object. */
  String directUrl(String bucket, String object);

  /** What storage holds under the name; fails with {@code not-found} when nothing does. */
  Future<ObjectStat> stat(String bucket, String object);

  /**
   * Up to {@code length} bytes of the object from {@code offset} (fewer at its end), for content
   * sniffing and image headers. Fails with {@code not-found}.
   */
  Future<Buffer> read(String bucket, String object, long offset, int length);

  /**
   * Deletes the object; {@code generation} non-null deletes only that generation. Deleting what is
   * not there succeeds.
   */
  Future<Void> delete(String bucket, String object, Long generation);

  /** Makes the object readable by anyone, or private again. */
  Future<Void> setPublic(String bucket, String object, boolean isPublic);
}
