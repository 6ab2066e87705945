package dev.files.store.tck;

import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import dev.files.store.Sort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test records for the contract suite and backends' own tests. Every method returns a builder, so a
 * test states only what matters to it: {@code Records.processed("ann",
 * "beach").uploadId("r01").contentLength(10)}. Timestamps derive from {@link #T0}, a fixed instant.
 */
public final class Records {

  /** A fixed instant (2023-11-14) that test timestamps count from. */
  public static final long T0 = 1_700_000_000_000L;

  /** Order by uploadId ascending: the order {@link ContractSupport#matching} reports. */
  public static final Sort BY_ID = Sort.asc("uploadId");

  private Records() {}

  /** A random lowercase uploadId (a UUID, like the service assigns). */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * A finished, listed, private record with one uploaded part of 100 bytes: status processed,
   * started at {@link #T0}, uploaded a second later, processed two seconds later.
   */
  public static FileRecord.Builder processed(String owner, String name) {
    return FileRecord.builder()
        .uploadId(newId())
        .owner(owner)
        .status(Status.PROCESSED)
        .name(name)
        .partCount(1)
        .uploadedParts(1)
        .contentLength(100)
        .parts(List.of(part("original", 100).uploaded(true).generation(1L).build()))
        .startedAt(T0)
        .uploadedAt(T0 + 1_000)
        .processedAt(T0 + 2_000)
        .updatedAt(T0 + 2_000);
  }

  /** A record whose bytes arrived but are not processed yet (listed). */
  public static FileRecord.Builder uploaded(String owner, String name) {
    return processed(owner, name).status(Status.UPLOADED).processedAt(null).updatedAt(T0 + 1_000);
  }

  /** A record waiting for its bytes: not listed, one part with an upload location. */
  public static FileRecord.Builder pending(String owner, String name) {
    return FileRecord.builder()
        .uploadId(newId())
        .owner(owner)
        .status(Status.PENDING)
        .name(name)
        .partCount(1)
        .uploadedParts(0)
        .contentLength(100)
        .parts(
            List.of(
                part("original", 100)
                    .location("http://127.0.0.1:8080/blobs/upload/x")
                    .headers(Map.of("Content-Type", "image/png"))
                    .build()))
        .startedAt(T0)
        .updatedAt(T0);
  }

  /** A part of the given role and size, declared as a PNG, not yet uploaded. */
  public static Part.Builder part(String type, long contentLength) {
    return Part.builder()
        .type(type)
        .contentType("image/png")
        .contentLength(contentLength)
        .md5Hash("1B2M2Y8AsgTpgAmY7PhCfg==")
        .filename("ownerhash/" + type + "/" + UUID.randomUUID() + ".png")
        .bucket("files-test");
  }

  /**
   * A record with every field of the model set to a non-default value, custom fields of every kind
   * (string, integral and fractional number, boolean), two parts with every part property, and a
   * nested postAction: the round-trip test of a backend's codec.
   */
  public static FileRecord.Builder everyField(String owner) {
    Part original =
        part("original", 1_500)
            .originalName("Holiday Beach.PNG")
            .location("http://127.0.0.1:8080/blobs/upload/abc?sig=1&exp=2")
            .headers(Map.of("Content-Type", "image/png", "Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="))
            .uploaded(true)
            .generation(1_699_999_999_123_456L)
            .detectedContentType("image/png")
            .width(640)
            .height(480)
            .build();
    Part preview =
        part("preview", 500)
            .contentType("image/jpeg")
            .error("md5 mismatch: expected x, got y")
            .build();
    return FileRecord.builder()
        .uploadId(newId())
        .owner(owner)
        .status(Status.FAILED)
        .name("beach at dawn, ünïcødé ✓ \"quoted\"")
        .description("line one\nline two\ttabbed")
        .website("https://example.org/photos?id=1&x=%20")
        .alias("beach dawn.v1-2_b")
        .tags(List.of("holiday", "sea", "2023"))
        .custom("c_camera", "nikon z6")
        .custom("c_iso", 400)
        .custom("c_ratio", 1.5)
        .custom("c_big", 1_234_567_890_123L)
        .custom("c_raw", true)
        .custom("c_edited", false)
        .custom("c_empty", "")
        .uploadType("photo-set")
        .isPublic(true)
        .directOnly(true)
        .unlisted(true)
        .temp(true)
        .partCount(2)
        .uploadedParts(1)
        .contentLength(2_000)
        .parts(List.of(original, preview))
        .startedAt(T0)
        .uploadedAt(T0 + 1_000)
        .processedAt(T0 + 2_000)
        .updatedAt(T0 + 3_000)
        .deletedAt(T0 + 4_000)
        .leaseUntil(T0 + 5_000)
        .error("processing failed: truncated image")
        .errorCount(2)
        .version(1)
        .postAction(
            new JsonObject()
                .put("update", new JsonObject().put("meta", new JsonObject().put("c_done", true)))
                .put("list", new JsonArray().add(1).add("two").add(3.5).addNull()))
        .origin("https://app.example.org");
  }
}
