package dev.files.storage.local;

import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the local blob storage. Defaults: data dir {@code data}, root {@code
 * <dataDir>/blobs}, bucket {@value #DEFAULT_BUCKET}, public base URL {@value #DEFAULT_BASE_URL},
 * signing secret generated once into {@code <dataDir>/blob-signing.key} (mode 0600) unless one is
 * configured, no CORS origins (a resumable session's own origin is always allowed), and a write
 * buffer of {@value #DEFAULT_MAX_CHUNK_BUFFER} bytes per upload in flight.
 */
public final class LocalBlobOptions {
  public static final String DEFAULT_BUCKET = "files";
  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";
  public static final String SECRET_FILE_NAME = "blob-signing.key";
  public static final int DEFAULT_MAX_CHUNK_BUFFER = 1024 * 1024;

  /**
   * The keys of {@link #fromJson} a deployment sets (section {@code storage.local}), with their
   * defaults; {@code dataDir} and {@code publicBaseUrl} are not among them: the service passes its
   * {@code data.dir} and {@code http.publicUrl}.
   */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string("root", null, "where objects live; null: <data.dir>/blobs"),
          ConfigKey.string("bucket", DEFAULT_BUCKET, "the bucket new objects go to"),
          ConfigKey.string("secret", null, "URL signing secret; null: generated into secretFile"),
          ConfigKey.string(
              "secretFile",
              null,
              "where a generated secret is kept; null: <data.dir>/" + SECRET_FILE_NAME),
          ConfigKey.list("corsOrigins", List.of(), "origins browsers may call /blobs/ from"),
          ConfigKey.integer(
              "maxChunkBuffer",
              (long) DEFAULT_MAX_CHUNK_BUFFER,
              "bytes an upload may queue towards the disk before the socket pauses"));

  private Path dataDir = Path.of("data");
  private Path root;
  private String bucket = DEFAULT_BUCKET;
  private String publicBaseUrl = DEFAULT_BASE_URL;
  private String secret;
  private Path secretFile;
  private List<String> corsOrigins = List.of();
  private int maxChunkBuffer = DEFAULT_MAX_CHUNK_BUFFER;

  /**
   * Reads the options from configuration keys {@code dataDir, root, bucket, publicBaseUrl, secret,
   * secretFile, corsOrigins (array), maxChunkBuffer}; absent keys keep their defaults.
   */
  public static LocalBlobOptions fromJson(JsonObject json) {
    LocalBlobOptions o = new LocalBlobOptions();
    if (json.containsKey("dataDir")) {
      o.setDataDir(Path.of(json.getString("dataDir")));
    }
    if (json.containsKey("root")) {
      o.setRoot(Path.of(json.getString("root")));
    }
    o.setBucket(json.getString("bucket", o.bucket));
    o.setPublicBaseUrl(json.getString("publicBaseUrl", o.publicBaseUrl));
    o.setSecret(json.getString("secret"));
    if (json.containsKey("secretFile")) {
      o.setSecretFile(Path.of(json.getString("secretFile")));
    }
    JsonArray origins = json.getJsonArray("corsOrigins", new JsonArray());
    o.setCorsOrigins(origins.stream().map(String::valueOf).toList());
    o.setMaxChunkBuffer(json.getInteger("maxChunkBuffer", o.maxChunkBuffer));
    return o;
  }

  public Path dataDir() {
    return dataDir;
  }

  public LocalBlobOptions setDataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir);
    return this;
  }

  /** Where objects live: the configured root, or {@code <dataDir>/blobs}. */
  public Path root() {
    return root != null ? root : dataDir.resolve("blobs");
  }

  public LocalBlobOptions setRoot(Path root) {
    this.root = root;
    return this;
  }

  public String bucket() {
    return bucket;
  }

  public LocalBlobOptions setBucket(String bucket) {
    this.bucket = Objects.requireNonNull(bucket);
    return this;
  }

  /** The service's public base URL that signed URLs start with, without a trailing slash. */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  public LocalBlobOptions setPublicBaseUrl(String publicBaseUrl) {
    String url = Objects.requireNonNull(publicBaseUrl);
    this.publicBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return this;
  }

  /** The configured HMAC secret, or null to use (and create) the secret file. */
  public String secret() {
    return secret;
  }

  public LocalBlobOptions setSecret(String secret) {
    this.secret = secret;
    return this;
  }

  /**
   * Where a generated secret is kept: the configured file, or {@code <dataDir>/blob-signing.key}.
   */
  public Path secretFile() {
    return secretFile != null ? secretFile : dataDir.resolve(SECRET_FILE_NAME);
  }

  public LocalBlobOptions setSecretFile(Path secretFile) {
    this.secretFile = secretFile;
    return this;
  }

  /** Origins browsers may upload and download from; {@code *} allows any. */
  public List<String> corsOrigins() {
    return corsOrigins;
  }

  public LocalBlobOptions setCorsOrigins(List<String> corsOrigins) {
    this.corsOrigins = List.copyOf(corsOrigins);
    return this;
  }

  /** Bytes an upload may have queued towards the disk before the socket is paused. */
  public int maxChunkBuffer() {
    return maxChunkBuffer;
  }

  public LocalBlobOptions setMaxChunkBuffer(int maxChunkBuffer) {
    if (maxChunkBuffer < 8192) {
      throw new IllegalArgumentException("maxChunkBuffer must be at least 8192");
    }
    this.maxChunkBuffer = maxChunkBuffer;
    return this;
  }
}
