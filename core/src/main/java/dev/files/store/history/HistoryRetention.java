package dev.files.store.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a record's history is kept: entries older than {@code maxAge} (measured from the newest
 * entry's time) and all but the newest {@code maxEntries} are dropped by the write that adds an
 * entry, in the same atomic step. Defaults: 365 days, 100 entries per record.
 *
 * @param maxAge entries older than this are dropped
 * @param maxEntries at most this many entries per record (at least 1)
 */
public record HistoryRetention(Duration maxAge, int maxEntries) {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(365);
  public static final int DEFAULT_MAX_ENTRIES = 100;

  public HistoryRetention {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("history maxAge must be positive");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("history maxEntries must be at least 1");
    }
  }

  public static HistoryRetention defaults() {
    return new HistoryRetention(DEFAULT_MAX_AGE, DEFAULT_MAX_ENTRIES);
  }

  /** The oldest entry time kept by a write at {@code now} (epoch ms). */
  public long oldestKept(long now) {
    return now - maxAge.toMillis();
  }

  /** What a write at {@code now} keeps of a history (oldest first): the newest, young enough. */
  public List<HistoryEntry> kept(List<HistoryEntry> oldestFirst, long now) {
    long oldest = oldestKept(now);
    List<HistoryEntry> young = new ArrayList<>();
    for (HistoryEntry e : oldestFirst) {
      if (e.at() >= oldest) {
        young.add(e);
      }
    }
    return List.copyOf(young.subList(Math.max(0, young.size() - maxEntries), young.size()));
  }
}
