package dev.files.service.faults;

import dev.files.service.Http;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the restarted service knows of a kill test's uploads: their records (files.info as the
 * owner), whether their bytes are committed in local storage, files.sync as the admin, and the
 * downloaded bytes.
 */
final class KillAudit {
  /** The record's status, {@code missing} when files.info answers 404. */
  record Seen(String status, boolean bytesStored) {
    static final String MISSING = "missing";

    boolean is(String s) {
      return status.equals(s);
    }
  }

  private final Http http;
  private final String owner;
  private final String admin;
  private final Path blobRoot;

  KillAudit(String baseUrl, String owner, String admin, Path blobRoot) {
    this.http = new Http(baseUrl);
    this.owner = owner;
    this.admin = admin;
    this.blobRoot = blobRoot;
  }

  /** The record of one acknowledged upload as it is now. */
  Seen see(KillUpload u) {
    Http.Reply r =
        http.post(
            "/files/info", new JsonObject().put("username", owner).put("uploadId", u.uploadId));
    if (r.status() == 404) {
      return new Seen(Seen.MISSING, false);
    }
    if (r.status() != 200) {
      throw new AssertionError("files.info of " + u.uploadId + " answered " + r.body());
    }
    JsonObject file = r.json().getJsonObject("file");
    JsonObject part = file.getJsonArray("files").getJsonObject(0);
    return new Seen(file.getString("status"), committed(part));
  }

  /**
   * Whether local storage committed the part's object: its sidecar ({@code
   * <root>/.meta/<bucket>/<object>.json}) is local storage's commit point, written after the bytes
   * are fsynced and renamed into place.
   */
  private boolean committed(JsonObject part) {
    String bucket = part.getString("bucket");
    String object = part.getString("filename");
    if (bucket == null || object == null) {
      return false;
    }
    return Files.isRegularFile(blobRoot.resolve(".meta").resolve(bucket).resolve(object + ".json"));
  }

  /** How many of the uploads are in each status now. */
  Map<String, Integer> statuses(List<KillUpload> uploads) {
    Map<String, Integer> counts = new TreeMap<>();
    for (KillUpload u : uploads) {
      Seen seen = see(u);
      String key = seen.is("pending") && seen.bytesStored() ? "pending-with-bytes" : seen.status();
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  /** Runs files.sync once as the admin; returns its counts. */
  JsonObject sync() {
    Http.Reply r = http.post("/files/sync", new JsonObject().put("username", admin));
    if (r.status() != 200) {
      throw new AssertionError("files.sync answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  /** The outcome of running the reconciler until every upload settled (or time ran out). */
  record Reconciled(Map<KillUpload, Seen> seen, int rounds, long millis, JsonObject syncTotals) {}

  /**
   * Runs files.sync, then looks at every upload not yet settled, until all are settled or {@code
   * limit} passed. Settled: processed, gone for good (missing, failed), or pending without stored
   * bytes and without a completed PUT (an upload the kill cut before its bytes arrived).
   */
  Reconciled reconcile(List<KillUpload> uploads, Duration limit) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Map<KillUpload, Seen> seen = new LinkedHashMap<>();
    JsonObject totals = new JsonObject();
    int rounds = 0;
    List<KillUpload> open = uploads;
    while (true) {
      sync().forEach(e -> totals.put(e.getKey(), totals.getLong(e.getKey(), 0L) + num(e)));
      rounds++;
      for (KillUpload u : open) {
        seen.put(u, see(u));
      }
      open = open.stream().filter(u -> !settled(u, seen.get(u))).toList();
      if (open.isEmpty() || System.nanoTime() > deadline) {
        return new Reconciled(seen, rounds, (System.nanoTime() - start) / 1_000_000, totals);
      }
      // Leases and stuckAfter are measured in wall time: give them some before the next round.
      ServiceChild.pause(250);
    }
  }

  private static long num(Map.Entry<String, Object> e) {
    return e.getValue() instanceof Number n ? n.longValue() : 0L;
  }

  static boolean settled(KillUpload u, Seen s) {
    return s.is("processed")
        || s.is(Seen.MISSING)
        || s.is("failed")
        || (s.is("pending") && !s.bytesStored() && !u.putCompleted());
  }

  /** Downloads the processed file and compares it with the bytes sent. */
  boolean downloadMatches(KillUpload u) throws Exception {
    Http.Reply r =
        http.post(
            "/files/download", new JsonObject().put("username", owner).put("uploadId", u.uploadId));
    if (r.status() != 200) {
      return false;
    }
    String url = r.json().getJsonArray("urls").getString(0);
    HttpResponse<byte[]> got =
        KillUploadStorm.CLIENT.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(KillUploadStorm.REQUEST_TIMEOUT)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return got.statusCode() == 200 && Arrays.equals(u.bytes, got.body());
  }
}
