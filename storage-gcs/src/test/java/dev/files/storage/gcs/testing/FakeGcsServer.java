package dev.files.storage.gcs.testing;

import dev.files.storage.gcs.GcsConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A fake of Google Cloud Storage for tests: a Vert.x router on a free local port implementing
 * exactly what the service and its clients call, following Google's documented behaviour.
 *
 * <ul>
 *   <li>JSON API: object metadata GET (and {@code alt=media} with Range), DELETE with {@code
 *       generation}/{@code ifGenerationMatch} (412 on mismatch), object ACL insert/delete (400 in a
 *       bucket with uniform bucket-level access), resumable uploads: session start ({@code
 *       X-Upload-Content-Length}, {@code md5Hash}, {@code ifGenerationMatch}, {@code
 *       predefinedAcl}, {@code Origin}), chunks with {@code Content-Range} (non-final chunks
 *       persisted in 256 KiB multiples; 308 with {@code Range}), status queries ({@code bytes
 *       *}/N), size and MD5 checked at the end (400), precondition at the end (412).
 *   <li>XML API: V4 signed PUT and GET (signature, expiry, signed headers checked; {@code
 *       Content-MD5}, {@code x-goog-content-length-range}, {@code x-goog-if-generation-match},
 *       {@code x-goog-acl}, {@code response-content-disposition}); unsigned GET of public objects.
 *   <li>OAuth: {@code POST /token} hands out access tokens to service-account credentials.
 * </ul>
 *
 * Generations are microsecond timestamps, strictly increasing; every object has its MD5 and CRC32C.
 */
public final class FakeGcsServer {
  /** GCS persists resumable chunks in multiples of this. */
  public static final int CHUNK_GRANULARITY = 256 * 1024;

  /** The access token the fake's token endpoint hands out. */
  public static final String ACCESS_TOKEN = "fake-gcs-access-token";

  /** One stored object generation. */
  public record StoredObject(
      String bucket,
      String name,
      long generation,
      long metageneration,
      byte[] bytes,
      String contentType,
      String md5Base64,
      String crc32cBase64,
      boolean publicRead,
      Instant created) {

    public long size() {
      return bytes.length;
    }

    StoredObject withPublicRead(boolean p) {
      return new StoredObject(
          bucket,
          name,
          generation,
          metageneration + 1,
          bytes,
          contentType,
          md5Base64,
          crc32cBase64,
          p,
          created);
    }
  }

  private static final class Bucket {
    final boolean uniformAccess;
    final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    Bucket(boolean uniformAccess) {
      this.uniformAccess = uniformAccess;
    }
  }

  private static final class Session {
    final String bucket;
    final String name;
    final String contentType;
    final String md5;
    final Long declaredLength;
    final Long ifGenerationMatch;
    final boolean publicRead;
    final String origin;
    final Buffer received = Buffer.buffer();
    StoredObject result;

    Session(
        String bucket,
        String name,
        String contentType,
        String md5,
        Long declaredLength,
        Long ifGenerationMatch,
        boolean publicRead,
        String origin) {
      this.bucket = bucket;
      this.name = name;
      this.contentType = contentType;
      this.md5 = md5;
      this.declaredLength = declaredLength;
      this.ifGenerationMatch = ifGenerationMatch;
      this.publicRead = publicRead;
      this.origin = origin;
    }
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, PublicKey> signers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicLong lastGeneration = new AtomicLong();
  private volatile boolean requireAuthorization;
  private HttpServer server;
  private String baseUrl;

  private FakeGcsServer() {}

  /** Starts a fake on a free port of 127.0.0.1. */
  public static Future<FakeGcsServer> start(Vertx vertx) {
    FakeGcsServer fake = new FakeGcsServer();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(256L * 1024 * 1024));
    router.route().handler(fake::dispatch);
    return vertx
        .createHttpServer(
            new io.vertx.core.http.HttpServerOptions().setDecompressionSupported(true))
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .map(
            s -> {
              fake.server = s;
              fake.baseUrl = "http://127.0.0.1:" + s.actualPort();
              return fake;
            });
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** {@code http://127.0.0.1:<port>}: the storage host to configure. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The OAuth token endpoint for generated service-account keys. */
  public String tokenUri() {
    return baseUrl + "/token";
  }

  /** A GcsConfig for {@code bucket} on this fake, with the given key file. */
  public GcsConfig config(String bucket, TestServiceAccount account) {
    return GcsConfig.ofBucket(bucket)
        .withHost(baseUrl)
        .withCredentialsFile(account.keyFile().toString());
  }

  /** JSON API calls without {@code Authorization: Bearer} answer 401 from now on. */
  public FakeGcsServer requireAuthorization(boolean require) {
    this.requireAuthorization = require;
    return this;
  }

  /** Creates (or replaces, emptied) a bucket. */
  public FakeGcsServer createBucket(String name, boolean uniformBucketLevelAccess) {
    buckets.put(name, new Bucket(uniformBucketLevelAccess));
    return this;
  }

  /** Trusts V4 signatures of {@code account}. */
  public FakeGcsServer trust(TestServiceAccount account) {
    signers.put(account.email(), account.publicKey());
    return this;
  }

  /** The live generation of an object. */
  public Optional<StoredObject> object(String bucket, String name) {
    Bucket b = buckets.get(bucket);
    return b == null ? Optional.empty() : Optional.ofNullable(b.objects.get(name));
  }

  /** Stores an object directly (as if uploaded), a new generation each time. */
  public StoredObject put(String bucket, String name, byte[] bytes, String contentType) {
    return store(bucket(bucket), bucket, name, bytes, contentType, false, null);
  }

  /** Every request so far, as {@code METHOD /raw/path?query}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The Authorization headers JSON API requests carried. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private Bucket bucket(String name) {
    Bucket b = buckets.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no bucket " + name);
    }
    return b;
  }

  private synchronized StoredObject store(
      Bucket b,
      String bucket,
      String name,
      byte[] bytes,
      String contentType,
      boolean publicRead,
      Long ifGenerationMatch) {
    StoredObject current = b.objects.get(name);
    long currentGeneration = current == null ? 0 : current.generation();
    if (ifGenerationMatch != null && ifGenerationMatch != currentGeneration) {
      return null;
    }
    long generation =
        lastGeneration.updateAndGet(
            last -> Math.max(last + 1, Instant.now().toEpochMilli() * 1000));
    StoredObject o =
        new StoredObject(
            bucket,
            name,
            generation,
            1,
            bytes,
            contentType == null ? "application/octet-stream" : contentType,
            md5(bytes),
            crc32c(bytes),
            publicRead,
            Instant.now());
    b.objects.put(name, o);
    return o;
  }

  // ---------------------------------------------------------------- dispatch

  private void dispatch(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    URI uri = URI.create(req.uri());
    requests.add(req.method().name() + " " + req.uri());
    String[] seg = segments(uri.getRawPath());
    try {
      if (seg.length == 1 && seg[0].equals("token") && req.method().name().equals("POST")) {
        json(ctx, 200, token());
      } else if (seg.length >= 2 && seg[0].equals("upload") && seg[1].equals("storage")) {
        upload(ctx, seg);
      } else if (seg.length >= 2 && seg[0].equals("storage") && seg[1].equals("v1")) {
        jsonApi(ctx, seg, false);
      } else if (seg.length >= 3 && seg[0].equals("download") && seg[1].equals("storage")) {
        jsonApi(ctx, Arrays.copyOfRange(seg, 1, seg.length), true);
      } else if (seg.length >= 2) {
        xmlApi(ctx, uri, seg);
      } else {
        error(ctx, 404, "notFound", "Not Found");
      }
    } catch (RuntimeException e) {
      error(ctx, 400, "invalid", "Bad request: " + e);
    }
  }

  private static JsonObject token() {
    return new JsonObject()
        .put("access_token", ACCESS_TOKEN)
        .put("expires_in", 3600)
        .put("token_type", "Bearer");
  }

  private boolean authorized(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth != null) {
      authorizations.add(auth);
    }
    if (requireAuthorization && (auth == null || !auth.startsWith("Bearer "))) {
      error(ctx, 401, "required", "Anonymous caller does not have storage access");
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- JSON API

  /** {@code seg}: storage, v1, b, BUCKET, o, OBJECT[, acl[, ENTITY]]. */
  private void jsonApi(RoutingContext ctx, String[] seg, boolean media) {
    if (!authorized(ctx)) {
      return;
    }
    if (seg.length < 6 || !seg[2].equals("b") || !seg[4].equals("o")) {
      error(ctx, 404, "notFound", "Not Found");
      return;
    }
    String bucketName = seg[3];
    String name = seg[5];
    Bucket b = buckets.get(bucketName);
    if (b == null) {
      error(ctx, 404, "notFound", "The specified bucket does not exist.");
      return;
    }
    String method = ctx.request().method().name();
    if (seg.length >= 7 && seg[6].equals("acl")) {
      acl(ctx, b, bucketName, name, method, seg.length > 7 ? seg[7] : null);
      return;
    }
    StoredObject o = b.objects.get(name);
    MultiMap params = ctx.request().params();
    String generation = params.get("generation");
    if (o == null || generation != null && Long.parseLong(generation) != o.generation()) {
      error(ctx, 404, "notFound", "No such object: " + bucketName + "/" + name);
      return;
    }
    if (!preconditionsHold(params, o)) {
      error(
          ctx,
          412,
          "conditionNotMet",
          "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    switch (method) {
      case "GET" -> {
        if (media || "media".equals(params.get("alt"))) {
          media(ctx, o, null);
        } else {
          json(ctx, 200, resource(o));
        }
      }
      case "DELETE" -> {
        synchronized (this) {
          b.objects.remove(name, o);
        }
        ctx.response().setStatusCode(204).end();
      }
      default -> error(ctx, 405, "methodNotAllowed", method + " not supported by the fake");
    }
  }

  private static boolean preconditionsHold(MultiMap params, StoredObject o) {
    String g = params.get("ifGenerationMatch");
    String ng = params.get("ifGenerationNotMatch");
    String m = params.get("ifMetagenerationMatch");
    return (g == null || Long.parseLong(g) == o.generation())
        && (ng == null || Long.parseLong(ng) != o.generation())
        && (m == null || Long.parseLong(m) == o.metageneration());
  }

  private void acl(
      RoutingContext ctx, Bucket b, String bucket, String name, String method, String entity) {
    if (b.uniformAccess) {
      error(
          ctx,
          400,
          "invalid",
          "Cannot use ACL API to update object policy when uniform bucket-level access is enabled."
              + " Read more at https://cloud.google.com/storage/docs/uniform-bucket-level-access");
      return;
    }
    StoredObject o = b.objects.get(name);
    if (o == null) {
      error(ctx, 404, "notFound", "No such object: " + bucket + "/" + name);
      return;
    }
    if (method.equals("POST") && entity == null) {
      JsonObject body = ctx.body().asJsonObject();
      if (!"allUsers".equals(body.getString("entity"))
          || !"READER".equals(body.getString("role"))) {
        error(ctx, 400, "invalid", "the fake only knows allUsers READER");
        return;
      }
      synchronized (this) {
        b.objects.computeIfPresent(name, (k, v) -> v.withPublicRead(true));
      }
      json(ctx, 200, aclEntry(o));
    } else if (method.equals("DELETE") && entity != null) {
      if (!entity.equals("allUsers") || !o.publicRead()) {
        error(ctx, 404, "notFound", "Not Found");
        return;
      }
      synchronized (this) {
        b.objects.computeIfPresent(name, (k, v) -> v.withPublicRead(false));
      }
      ctx.response().setStatusCode(204).end();
    } else if (method.equals("GET") && entity == null) {
      JsonArray items = new JsonArray();
      if (o.publicRead()) {
        items.add(aclEntry(o));
      }
      json(
          ctx,
          200,
          new JsonObject().put("kind", "storage#objectAccessControls").put("items", items));
    } else {
      error(ctx, 405, "methodNotAllowed", method + " acl not supported by the fake");
    }
  }

  private static JsonObject aclEntry(StoredObject o) {
    return new JsonObject()
        .put("kind", "storage#objectAccessControl")
        .put("bucket", o.bucket())
        .put("object", o.name())
        .put("generation", Long.toString(o.generation()))
        .put("entity", "allUsers")
        .put("role", "READER");
  }

  // ---------------------------------------------------------------- resumable uploads

  /** {@code seg}: upload, storage, v1, b, BUCKET, o. */
  private void upload(RoutingContext ctx, String[] seg) {
    MultiMap params = ctx.request().params();
    String uploadId = params.get("upload_id");
    if (uploadId != null) {
      chunk(ctx, uploadId);
      return;
    }
    if (!authorized(ctx)) {
      return;
    }
    if (!"resumable".equals(params.get("uploadType"))
        || !ctx.request().method().name().equals("POST")
        || seg.length != 6) {
      error(ctx, 400, "invalid", "the fake only knows uploadType=resumable");
      return;
    }
    String bucketName = seg[4];
    Bucket b = buckets.get(bucketName);
    if (b == null) {
      error(ctx, 404, "notFound", "The specified bucket does not exist.");
      return;
    }
    JsonObject resource = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    String name = resource.getString("name", params.get("name"));
    if (name == null) {
      error(ctx, 400, "required", "Required: object name");
      return;
    }
    String acl = params.get("predefinedAcl");
    if (acl != null && b.uniformAccess) {
      error(
          ctx,
          400,
          "invalid",
          "Cannot insert legacy ACL for an object when uniform bucket-level access is enabled.");
      return;
    }
    String type =
        resource.getString("contentType", ctx.request().getHeader("X-Upload-Content-Type"));
    String length = ctx.request().getHeader("X-Upload-Content-Length");
    String ifGen = params.get("ifGenerationMatch");
    Session s =
        new Session(
            bucketName,
            name,
            type,
            resource.getString("md5Hash"),
            length == null ? null : Long.valueOf(length),
            ifGen == null ? null : Long.valueOf(ifGen),
            "publicRead".equals(acl),
            ctx.request().getHeader("Origin"));
    String id = UUID.randomUUID().toString().replace("-", "");
    sessions.put(id, s);
    String location =
        baseUrl + "/upload/storage/v1/b/" + seg[4] + "/o?uploadType=resumable&upload_id=" + id;
    ctx.response().putHeader("Location", location).putHeader("X-GUploader-UploadID", id);
    ctx.response().setStatusCode(200).end();
  }

  private void chunk(RoutingContext ctx, String uploadId) {
    Session s = sessions.get(uploadId);
    HttpServerResponse resp = ctx.response();
    if (s == null) {
      error(ctx, 404, "notFound", "No such upload session");
      return;
    }
    if (s.origin != null) {
      resp.putHeader("Access-Control-Allow-Origin", s.origin);
      resp.putHeader("Access-Control-Expose-Headers", "Range, X-Range, Location");
    }
    String method = ctx.request().method().name();
    if (method.equals("OPTIONS")) {
      resp.putHeader("Access-Control-Allow-Methods", "PUT, POST").setStatusCode(200).end();
      return;
    }
    if (method.equals("DELETE")) {
      sessions.remove(uploadId);
      resp.setStatusCode(499).end();
      return;
    }
    if (!method.equals("PUT") && !method.equals("POST")) {
      error(ctx, 405, "methodNotAllowed", method);
      return;
    }
    synchronized (s) {
      if (s.result != null) {
        json(ctx, 200, resource(s.result));
        return;
      }
      Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
      String range = ctx.request().getHeader("Content-Range");
      Long total;
      if (range == null) {
        if (s.received.length() != 0) {
          error(ctx, 400, "invalid", "Content-Range required after the first chunk");
          return;
        }
        s.received.appendBuffer(body);
        total = (long) body.length();
      } else {
        // "bytes A-B/T", "bytes A-B/*", "bytes */T" or "bytes */*"
        String spec = range.trim().substring("bytes ".length());
        String[] parts = spec.split("/");
        total = parts[1].equals("*") ? null : Long.valueOf(parts[1]);
        if (!parts[0].equals("*")) {
          String[] ab = parts[0].split("-");
          long first = Long.parseLong(ab[0]);
          long last = Long.parseLong(ab[1]);
          if (last - first + 1 != body.length()) {
            error(ctx, 400, "invalid", "Content-Range does not match the body length");
            return;
          }
          if (first > s.received.length()) {
            error(
                ctx, 400, "invalid", "Invalid request: the chunk starts past the persisted bytes");
            return;
          }
          int skip = (int) (s.received.length() - first);
          if (skip < body.length()) {
            Buffer fresh = body.slice(skip, body.length());
            boolean finalChunk = total != null && last + 1 == total;
            int keep =
                finalChunk ? fresh.length() : persistable(s.received.length(), fresh.length());
            s.received.appendBuffer(fresh.slice(0, keep));
          }
        }
      }
      if (total != null && total == s.received.length()) {
        finish(ctx, uploadId, s);
        return;
      }
      if (total != null && total < s.received.length()) {
        error(ctx, 400, "invalid", "more bytes than the declared total");
        return;
      }
      resp.setStatusCode(308);
      if (s.received.length() > 0) {
        resp.putHeader("Range", "bytes=0-" + (s.received.length() - 1));
      }
      resp.putHeader("Content-Length", "0").end();
    }
  }

  /** Non-final chunks are persisted in multiples of 256 KiB, like GCS. */
  private static int persistable(int already, int fresh) {
    long end = already + (long) fresh;
    long persistedEnd = end - end % CHUNK_GRANULARITY;
    return (int) Math.max(0, persistedEnd - already);
  }

  private void finish(RoutingContext ctx, String uploadId, Session s) {
    byte[] bytes = s.received.getBytes();
    if (s.declaredLength != null && s.declaredLength != bytes.length) {
      sessions.remove(uploadId);
      error(ctx, 400, "invalid", "Upload size does not match X-Upload-Content-Length");
      return;
    }
    if (s.md5 != null && !s.md5.equals(md5(bytes))) {
      sessions.remove(uploadId);
      error(
          ctx,
          400,
          "invalid",
          "Provided MD5 hash \""
              + s.md5
              + "\" doesn't match calculated MD5 hash \""
              + md5(bytes)
              + "\".");
      return;
    }
    StoredObject o =
        store(
            bucket(s.bucket),
            s.bucket,
            s.name,
            bytes,
            s.contentType,
            s.publicRead,
            s.ifGenerationMatch);
    if (o == null) {
      sessions.remove(uploadId);
      error(
          ctx,
          412,
          "conditionNotMet",
          "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    s.result = o;
    json(ctx, 200, resource(o));
  }

  // ---------------------------------------------------------------- XML API

  /** {@code /BUCKET/OBJECT...}: V4 signed PUT/GET, unsigned GET of public objects. */
  private void xmlApi(RoutingContext ctx, URI uri, String[] seg) {
    String bucketName = seg[0];
    String name = String.join("/", Arrays.copyOfRange(seg, 1, seg.length));
    Bucket b = buckets.get(bucketName);
    HttpServerRequest req = ctx.request();
    String method = req.method().name();
    Map<String, String> q = V4Signatures.query(uri.getRawQuery());
    boolean signed = q.containsKey("X-Goog-Signature");
    if (signed) {
      URI full = URI.create(baseUrl + req.uri());
      String problem =
          V4Signatures.problem(
              method,
              full,
              h -> h.equals("host") ? req.authority().toString() : req.getHeader(h),
              signers::get,
              Instant.now());
      if (problem != null) {
        System.err.println("fake GCS: " + method + " " + req.uri() + " refused: " + problem);
        xmlError(ctx, 403, "SignatureDoesNotMatch", problem);
        return;
      }
    }
    if (b == null) {
      xmlError(ctx, 404, "NoSuchBucket", "The specified bucket does not exist.");
      return;
    }
    if (method.equals("PUT")) {
      if (!signed) {
        xmlError(
            ctx,
            401,
            "AccessDenied",
            "Anonymous caller does not have storage.objects.create access");
        return;
      }
      xmlPut(ctx, b, bucketName, name);
    } else if (method.equals("GET")) {
      StoredObject o = b.objects.get(name);
      if (o == null) {
        xmlError(ctx, 404, "NoSuchKey", "The specified key does not exist.");
      } else if (!signed && !o.publicRead()) {
        xmlError(
            ctx, 403, "AccessDenied", "Anonymous caller does not have storage.objects.get access");
      } else {
        media(ctx, o, q.get("response-content-disposition"));
      }
    } else {
      xmlError(ctx, 405, "MethodNotAllowed", method);
    }
  }

  private void xmlPut(RoutingContext ctx, Bucket b, String bucketName, String name) {
    HttpServerRequest req = ctx.request();
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String md5 = req.getHeader("Content-MD5");
    if (md5 != null && !md5.equals(md5(bytes))) {
      xmlError(
          ctx, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
      return;
    }
    String range = req.getHeader("x-goog-content-length-range");
    if (range != null) {
      String[] mm = range.split(",");
      if (bytes.length < Long.parseLong(mm[0].trim())
          || bytes.length > Long.parseLong(mm[1].trim())) {
        xmlError(
            ctx, 400, "EntityTooLarge", "Your proposed upload is outside the allowed size range.");
        return;
      }
    }
    String acl = req.getHeader("x-goog-acl");
    if (acl != null && b.uniformAccess) {
      xmlError(
          ctx,
          400,
          "InvalidArgument",
          "Cannot insert legacy ACL for an object when uniform bucket-level access is enabled.");
      return;
    }
    String ifGen = req.getHeader("x-goog-if-generation-match");
    StoredObject o =
        store(
            b,
            bucketName,
            name,
            bytes,
            req.getHeader("Content-Type"),
            "public-read".equals(acl),
            ifGen == null ? null : Long.valueOf(ifGen));
    if (o == null) {
      xmlError(
          ctx,
          412,
          "PreconditionFailed",
          "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    ctx.response()
        .putHeader("ETag", "\"" + hex(Base64.getDecoder().decode(o.md5Base64())) + "\"")
        .putHeader("x-goog-generation", Long.toString(o.generation()))
        .putHeader("x-goog-hash", "crc32c=" + o.crc32cBase64() + ",md5=" + o.md5Base64())
        .setStatusCode(200)
        .end();
  }

  // ---------------------------------------------------------------- responses

  private void media(RoutingContext ctx, StoredObject o, String disposition) {
    HttpServerResponse resp = ctx.response();
    resp.putHeader("Content-Type", o.contentType())
        .putHeader("x-goog-generation", Long.toString(o.generation()))
        .putHeader("x-goog-metageneration", Long.toString(o.metageneration()))
        .putHeader("x-goog-stored-content-length", Long.toString(o.size()))
        .putHeader("x-goog-stored-content-encoding", "identity")
        .putHeader("x-goog-hash", "crc32c=" + o.crc32cBase64() + ",md5=" + o.md5Base64())
        .putHeader("Accept-Ranges", "bytes");
    if (disposition != null) {
      resp.putHeader("Content-Disposition", disposition);
    }
    String range = ctx.request().getHeader("Range");
    byte[] bytes = o.bytes();
    if (range == null || !range.startsWith("bytes=")) {
      resp.setStatusCode(200).end(Buffer.buffer(bytes));
      return;
    }
    String[] ab = range.substring("bytes=".length()).split("-", -1);
    long first;
    long last;
    if (ab[0].isEmpty()) {
      long suffix = Long.parseLong(ab[1]);
      first = Math.max(0, bytes.length - suffix);
      last = bytes.length - 1L;
    } else {
      first = Long.parseLong(ab[0]);
      last =
          ab[1].isEmpty() ? bytes.length - 1L : Math.min(Long.parseLong(ab[1]), bytes.length - 1L);
    }
    if (first >= bytes.length) {
      resp.putHeader("Content-Range", "bytes */" + bytes.length);
      error(ctx, 416, "requestedRangeNotSatisfiable", "Request range not satisfiable");
      return;
    }
    resp.putHeader("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length)
        .setStatusCode(206)
        .end(Buffer.buffer(Arrays.copyOfRange(bytes, (int) first, (int) last + 1)));
  }

  private JsonObject resource(StoredObject o) {
    String id = o.bucket() + "/" + o.name() + "/" + o.generation();
    return new JsonObject()
        .put("kind", "storage#object")
        .put("id", id)
        .put("selfLink", baseUrl + "/storage/v1/b/" + o.bucket() + "/o/" + encode(o.name()))
        .put(
            "mediaLink",
            baseUrl
                + "/download/storage/v1/b/"
                + o.bucket()
                + "/o/"
                + encode(o.name())
                + "?generation="
                + o.generation()
                + "&alt=media")
        .put("name", o.name())
        .put("bucket", o.bucket())
        .put("generation", Long.toString(o.generation()))
        .put("metageneration", Long.toString(o.metageneration()))
        .put("contentType", o.contentType())
        .put("storageClass", "STANDARD")
        .put("size", Long.toString(o.size()))
        .put("md5Hash", o.md5Base64())
        .put("crc32c", o.crc32cBase64())
        .put("etag", "C" + o.generation() + o.metageneration())
        .put("timeCreated", o.created().toString())
        .put("updated", o.created().toString());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String reason, String message) {
    JsonObject body =
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("code", status)
                    .put("message", message)
                    .put(
                        "errors",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("message", message)
                                    .put("domain", "global")
                                    .put("reason", reason))));
    json(ctx, status, body);
  }

  private static void xmlError(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/xml; charset=UTF-8")
        .end(
            "<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error>");
  }

  // ---------------------------------------------------------------- helpers

  private static String[] segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out.toArray(String[]::new);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Base64 MD5 of {@code bytes}, as GCS reports it. */
  public static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 big-endian CRC32C of {@code bytes}, as GCS reports it. */
  public static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    long v = crc.getValue();
    byte[] be = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    return Base64.getEncoder().encodeToString(be);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
