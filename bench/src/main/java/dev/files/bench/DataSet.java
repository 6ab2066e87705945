package dev.files.bench;

import dev.files.model.FileRecord;
import dev.files.model.Part;
import dev.files.model.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The benchmark data set (bench/README.md): record {@code i} is a pure function of the seed and
 * {@code i}, so any size is generated as a stream without holding it, and every backend gets
 * exactly the same records.
 *
 * <p>50 owners; names of 2..4 random words, about 2 % containing {@code quasar}; contentLength
 * log-uniform from 100 B to 100 MB; about half public; 0..5 tags out of 200; startedAt spread over
 * the year before {@link #ANCHOR} (a fixed instant, so runs on different days compare); status
 * processed.
 */
public final class DataSet {
  /** The end of the year the timestamps are spread over. */
  public static final long ANCHOR = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

  public static final int OWNERS = 50;
  public static final int TAGS = 200;
  public static final String NEEDLE = "quasar";
  private static final long YEAR_MS = 365L * 24 * 3600 * 1000;
  private static final double MIN_LOG = Math.log(100);
  private static final double MAX_LOG = Math.log(100_000_000);
  private static final String[] WORDS = {
    "amber",
    "basil",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "grove",
    "harbor",
    "island",
    "jasper",
    "kettle",
    "lantern",
    "meadow",
    "nectar",
    "orchid",
    "pebble",
    "quill",
    "river",
    "saffron",
    "timber",
    "umber",
    "velvet",
    "willow",
    "xenon",
    "yarrow",
    "zephyr",
    "autumn",
    "breeze",
    "canyon",
    "dune",
    "echo",
    "falcon",
    "glacier",
    "horizon",
    "ivory",
    "jungle",
    "kayak",
    "lagoon",
    "maple",
    "nomad",
    "ocean",
    "prairie",
    "quartz",
    "raven",
    "summit",
    "tundra",
    "valley",
    "walrus",
    "yonder",
    "zenith",
    "sunset",
    "holiday",
    "family",
    "concert",
    "birthday",
    "garden",
    "street",
    "portrait",
    "beach",
    "mountain",
    "city",
    "night",
    "morning",
    "winter",
    "summer",
    "spring",
    "party",
    "trip",
    "draft",
    "final",
    "copy",
    "scan",
    "photo",
    "video",
    "clip",
    "track",
    "demo",
    "report",
    "invoice",
    "slides",
    "notes",
    "sketch",
    "render",
    "model",
    "export",
    "backup",
    "archive",
    "raw",
    "edit",
  };

  private final long seed;

  public DataSet(long seed) {
    this.seed = seed;
  }

  /** {@code owner-00} .. {@code owner-49}. */
  public static String owner(int n) {
    return String.format("owner-%02d", n);
  }

  /** Record number {@code i} of the data set. */
  public FileRecord record(long i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    String uploadId =
        UUID.nameUUIDFromBytes(("bench:" + seed + ":" + i).getBytes(StandardCharsets.UTF_8))
            .toString();
    String owner = owner(r.nextInt(OWNERS));
    long length = Math.round(Math.exp(MIN_LOG + r.nextDouble() * (MAX_LOG - MIN_LOG)));
    long startedAt = ANCHOR - 1 - (long) (r.nextDouble() * YEAR_MS);
    long uploadedAt = startedAt + 1_000 + r.nextLong(600_000);
    long processedAt = uploadedAt + 100 + r.nextLong(10_000);
    Part part =
        new Part(
            "original",
            "application/octet-stream",
            length,
            "CY9rzUYh03PK3k6DJie09g==",
            null,
            owner + "/" + uploadId + "/original.bin",
            "files",
            null,
            null,
            true,
            null,
            null,
            null,
            null,
            null);
    return FileRecord.builder()
        .uploadId(uploadId)
        .owner(owner)
        .status(Status.PROCESSED)
        .name(name(r))
        .tags(tags(r))
        .isPublic(r.nextBoolean())
        .partCount(1)
        .uploadedParts(1)
        .contentLength(length)
        .parts(List.of(part))
        .startedAt(startedAt)
        .uploadedAt(uploadedAt)
        .processedAt(processedAt)
        .updatedAt(processedAt)
        .build();
  }

  private static String name(SplittableRandom r) {
    int n = 2 + r.nextInt(3);
    List<String> words = new ArrayList<>(n + 1);
    for (int k = 0; k < n; k++) {
      words.add(WORDS[r.nextInt(WORDS.length)]);
    }
    if (r.nextInt(50) == 0) {
      words.add(r.nextInt(words.size() + 1), NEEDLE);
    }
    return String.join(" ", words);
  }

  private static List<String> tags(SplittableRandom r) {
    int n = r.nextInt(6);
    TreeSet<String> tags = new TreeSet<>();
    while (tags.size() < n) {
      tags.add(String.format("tag%03d", r.nextInt(TAGS)));
    }
    return List.copyOf(tags);
  }
}
