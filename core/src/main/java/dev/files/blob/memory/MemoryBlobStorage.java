package dev.files.blob.memory;

import dev.files.blob.BlobStorage;
import dev.files.blob.ObjectFinalized;
import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blob storage in memory: objects with generations and MD5, signed URLs that are only strings
 * ({@code memory://bucket/object?...}). Tests simulate a client's upload plus the finalize with
 * {@link #put}, and storage outages with {@link #failDeletes}, {@link #failStats} and {@link
 * #failSigning}. Thread-safe.
 */
public final class MemoryBlobStorage implements BlobStorage {

  /** One stored object. */
  public record StoredObject(
      byte[] bytes, String md5Base64, long generation, String contentType, boolean isPublic) {}

  private final String bucket;
  private final Map<String, StoredObject> objects = new HashMap<>();
  private final List<UploadRequest> signed = new ArrayList<>();
  private final AtomicLong generations = new AtomicLong();
  private volatile boolean failDeletes;
  private volatile boolean failStats;
  private volatile boolean failSigning;

  public MemoryBlobStorage() {
    this("memory");
  }

  public MemoryBlobStorage(String bucket) {
    this.bucket = bucket;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public synchronized Future<UploadTarget> signUpload(UploadRequest r) {
    if (failSigning) {
      return Future.failedFuture(FileError.unavailable("memory storage: signing fails", null));
    }
    signed.add(r);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", r.contentType());
    if (!r.resumable()) {
      headers.put("Content-MD5", r.md5Base64());
    }
    String location =
        url(r.bucket(), r.object())
            + "?expires="
            + r.expiresSeconds()
            + (r.resumable() ? "&session=" + generations.incrementAndGet() : "");
    return Future.succeededFuture(new UploadTarget(location, headers, r.resumable()));
  }

  @Override
  public Future<String> signDownload(
      String bucket, String object, long expiresSeconds, String saveAs) {
    String url = url(bucket, object) + "?expires=" + expiresSeconds + "&signature=memory";
    if (saveAs != null) {
      url += "&saveAs=" + URLEncoder.encode(saveAs, StandardCharsets.UTF_8);
    }
    return Future.succeededFuture(url);
  }

  @Override
  public String directUrl(String bucket, String object) {
    return url(bucket, object);
  }

  @Override
  public synchronized Future<ObjectStat> stat(String bucket, String object) {
    if (failStats) {
      return Future.failedFuture(FileError.unavailable("memory storage: stat fails", null));
    }
    StoredObject o = objects.get(key(bucket, object));
    if (o == null) {
      return Future.failedFuture(FileError.notFound("no object " + bucket + "/" + object));
    }
    return Future.succeededFuture(
        new ObjectStat(
            bucket,
            object,
            o.bytes().length,
            o.md5Base64(),
            null,
            o.generation(),
            o.contentType()));
  }

  @Override
  public synchronized Future<Buffer> read(String bucket, String object, long offset, int length) {
    StoredObject o = objects.get(key(bucket, object));
    if (o == null) {
      return Future.failedFuture(FileError.notFound("no object " + bucket + "/" + object));
    }
    int from = (int) Math.min(offset, o.bytes().length);
    int to = (int) Math.min((long) from + length, o.bytes().length);
    return Future.succeededFuture(Buffer.buffer().appendBytes(o.bytes(), from, to - from));
  }

  @Override
  public synchronized Future<Void> delete(String bucket, String object, Long generation) {
    if (failDeletes) {
      return Future.failedFuture(FileError.unavailable("memory storage: delete fails", null));
    }
    StoredObject o = objects.get(key(bucket, object));
    if (o != null && (generation == null || generation == o.generation())) {
      objects.remove(key(bucket, object));
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> setPublic(String bucket, String object, boolean isPublic) {
    StoredObject o = objects.get(key(bucket, object));
    if (o == null) {
      return Future.failedFuture(FileError.notFound("no object " + bucket + "/" + object));
    }
    objects.put(
        key(bucket, object),
        new StoredObject(o.bytes(), o.md5Base64(), o.generation(), o.contentType(), isPublic));
    return Future.succeededFuture();
  }

  /**
   * Stores an object as a finished upload would (a new generation) and returns the finalize event
   * storage would raise for it.
   */
  public synchronized ObjectFinalized put(
      String bucket, String object, byte[] bytes, String contentType) {
    long generation = generations.incrementAndGet();
    String md5 = md5Base64(bytes);
    StoredObject old = objects.get(key(bucket, object));
    boolean isPublic = old != null && old.isPublic();
    objects.put(
        key(bucket, object),
        new StoredObject(bytes.clone(), md5, generation, contentType, isPublic));
    return new ObjectFinalized(bucket, object, generation, (long) bytes.length, md5);
  }

  /** {@link #put(String, String, byte[], String)} without a content type. */
  public ObjectFinalized put(String bucket, String object, byte[] bytes) {
    return put(bucket, object, bytes, "application/octet-stream");
  }

  /** The object, or null. */
  public synchronized StoredObject get(String bucket, String object) {
    return objects.get(key(bucket, object));
  }

  public synchronized boolean exists(String bucket, String object) {
    return objects.containsKey(key(bucket, object));
  }

  /** How many objects are stored. */
  public synchronized int size() {
    return objects.size();
  }

  /** Every upload signed so far, in order. */
  public synchronized List<UploadRequest> signedUploads() {
    return List.copyOf(signed);
  }

  /** While true, every delete fails with {@code unavailable}. */
  public void failDeletes(boolean fail) {
    failDeletes = fail;
  }

  /** While true, every stat fails with {@code unavailable}. */
  public void failStats(boolean fail) {
    failStats = fail;
  }

  /** While true, every signUpload fails with {@code unavailable}. */
  public void failSigning(boolean fail) {
    failSigning = fail;
  }

  /** The MD5 of the bytes, base64, as storage reports it. */
  public static String md5Base64(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String url(String bucket, String object) {
    return "memory://" + bucket + "/" + object;
  }

  private static String key(String bucket, String object) {
    return bucket + '\u0000' + object;
  }
}
