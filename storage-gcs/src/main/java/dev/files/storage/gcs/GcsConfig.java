package dev.files.storage.gcs;

import dev.files.config.ConfigKey;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the GCS blob storage: the {@code storage} section when {@code type} is {@code
 * gcs}.
 *
 * @param bucket the bucket new objects go to (required)
 * @param project the Google Cloud project; null takes it from the credentials or the environment
 * @param credentialsFile a service-account key JSON file; null uses Application Default Credentials
 *     (signing then goes through the IAM signBlob API and needs {@code
 *     iam.serviceAccounts.signBlob} on the service's own account)
 * @param host the storage endpoint, e.g. {@code http://127.0.0.1:4443} for a local fake; null is
 *     Google's ({@code https://storage.googleapis.com}). Signed URLs and resumable sessions use it
 *     too
 * @param uniformBucketLevelAccess the bucket has uniform bucket-level access: no object ACLs, so
 *     {@code setPublic} does not touch objects and uploads carry no {@code x-goog-acl}; public
 *     files are served from {@code publicUrlBase}
 * @param publicUrlBase the base of direct URLs of public files; null is {@code host} (Google's:
 *     {@code https://storage.googleapis.com}); the URL is {@code <base>/<bucket>/<object>}
 */
public record GcsConfig(
    String bucket,
    String project,
    String credentialsFile,
    String host,
    boolean uniformBucketLevelAccess,
    String publicUrlBase) {

  /** Google's storage endpoint. */
  public static final String GOOGLE_HOST = "https://storage.googleapis.com";

  /**
   * The keys {@link #fromJson} reads, with the defaults it applies (section {@code storage.gcs};
   * the notification keys are {@link dev.files.storage.gcs.pubsub.PubSubConfig#KEYS} under {@code
   * pubsub}).
   */
  public static final List<ConfigKey> KEYS =
      List.of(
          ConfigKey.string("bucket", null, "the bucket new objects go to (required)"),
          ConfigKey.string("project", null, "the project; null: from the credentials"),
          ConfigKey.string(
              "credentialsFile", null, "service-account key file; null: default credentials"),
          ConfigKey.string("host", null, "the storage endpoint; null: " + GOOGLE_HOST),
          ConfigKey.bool(
              "uniformBucketLevelAccess", false, "the bucket has uniform access (no object ACLs)"),
          ConfigKey.string(
              "publicUrlBase", null, "base of direct URLs of public files; null: host"));

  public GcsConfig {
    Objects.requireNonNull(bucket, "storage.gcs.bucket is required for storage.type=gcs");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("storage.gcs.bucket is required for storage.type=gcs");
    }
    host = stripSlash(host);
    publicUrlBase = stripSlash(publicUrlBase);
  }

  /** A configuration for {@code bucket} on Google's endpoint with default credentials. */
  public static GcsConfig ofBucket(String bucket) {
    return new GcsConfig(bucket, null, null, null, false, null);
  }

  /**
   * Reads the {@code storage} section: {@code bucket}, {@code project}, {@code credentialsFile},
   * {@code host}, {@code uniformBucketLevelAccess}, {@code publicUrlBase}.
   */
  public static GcsConfig fromJson(JsonObject storage) {
    return new GcsConfig(
        storage.getString("bucket"),
        storage.getString("project"),
        storage.getString("credentialsFile"),
        storage.getString("host"),
        storage.getBoolean("uniformBucketLevelAccess", false),
        storage.getString("publicUrlBase"));
  }

  /** The storage endpoint actually used. */
  public String effectiveHost() {
    return host != null ? host : GOOGLE_HOST;
  }

  /** The base of direct URLs actually used. */
  public String effectivePublicUrlBase() {
    return publicUrlBase != null ? publicUrlBase : effectiveHost();
  }

  public GcsConfig withHost(String newHost) {
    return new GcsConfig(
        bucket, project, credentialsFile, newHost, uniformBucketLevelAccess, publicUrlBase);
  }

  public GcsConfig withCredentialsFile(String file) {
    return new GcsConfig(bucket, project, file, host, uniformBucketLevelAccess, publicUrlBase);
  }

  public GcsConfig withUniformBucketLevelAccess(boolean uniform) {
    return new GcsConfig(bucket, project, credentialsFile, host, uniform, publicUrlBase);
  }

  private static String stripSlash(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
