package dev.files.service.metrics;

import dev.files.syncer.SyncerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Exposes the syncer's counters and gauges as {@code files_syncer_*} meters. */
public final class SyncerMeters {
  private SyncerMeters() {}

  /** Registers the meters and returns {@code metrics} for chaining. */
  public static SyncerMetrics bind(MeterRegistry registry, SyncerMetrics metrics) {
    Gauge.builder("files.syncer.lag.entries", metrics, SyncerMetrics::lagEntries)
        .description("stream entries not yet applied to CouchDB")
        .register(registry);
    Gauge.builder("files.syncer.lag.seconds", metrics, SyncerMetrics::lagSeconds)
        .description("age of the oldest entry not yet applied")
        .register(registry);
    Gauge.builder("files.syncer.applied.rate", metrics, SyncerMetrics::appliedPerSecond)
        .description("records applied per second, recent")
        .register(registry);
    Gauge.builder("files.syncer.index.update.seconds", metrics, SyncerMetrics::indexWarmSeconds)
        .description("time the last update of CouchDB's list indexes after a batch took")
        .register(registry);
    FunctionCounter.builder("files.syncer.applied", metrics, m -> m.applied()).register(registry);
    FunctionCounter.builder("files.syncer.skipped", metrics, m -> m.skipped()).register(registry);
    FunctionCounter.builder("files.syncer.acked", metrics, m -> m.acked()).register(registry);
    FunctionCounter.builder("files.syncer.errors", metrics, m -> m.errors()).register(registry);
    FunctionCounter.builder("files.syncer.parked", metrics, m -> m.parked())
        .description("records set aside after a permanent failure; syncer verify lists them")
        .register(registry);
    return metrics;
  }
}
