package dev.files.storage.gcs.pubsub;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts notifications by outcome, plus push deliveries refused for authentication. Thread-safe;
 * the service exports them as metrics (e.g. Micrometer {@code FunctionCounter}s over {@link #get}).
 */
public final class NotificationCounters {
  private final Map<Outcome, AtomicLong> byOutcome = new EnumMap<>(Outcome.class);
  private final AtomicLong unauthenticated = new AtomicLong();

  public NotificationCounters() {
    for (Outcome o : Outcome.values()) {
      byOutcome.put(o, new AtomicLong());
    }
  }

  void count(Outcome outcome) {
    byOutcome.get(outcome).incrementAndGet();
  }

  void countUnauthenticated() {
    unauthenticated.incrementAndGet();
  }

  /** Notifications that ended in {@code outcome} so far. */
  public long get(Outcome outcome) {
    return byOutcome.get(outcome).get();
  }

  /** Push deliveries refused with 401/403. */
  public long unauthenticated() {
    return unauthenticated.get();
  }

  /** All counters by name ({@code applied}, ..., {@code unauthenticated}). */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    byOutcome.forEach((k, v) -> m.put(k.name().toLowerCase(Locale.ROOT), v.get()));
    m.put("unauthenticated", unauthenticated.get());
    return m;
  }
}
