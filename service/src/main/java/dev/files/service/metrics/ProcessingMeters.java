package dev.files.service.metrics;

import dev.files.service.process.ProcessingQueue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Exposes the processing worker's queue as {@code files_processing_*} meters. */
public final class ProcessingMeters {
  private ProcessingMeters() {}

  /** Registers the meters and returns {@code queue} for chaining. */
  public static ProcessingQueue bind(MeterRegistry registry, ProcessingQueue queue) {
    Gauge.builder("files.processing.queue", queue, ProcessingQueue::waiting)
        .description("uploads signalled to the processing worker and not yet settled")
        .register(registry);
    FunctionCounter.builder("files.processing.settled", queue, ProcessingQueue::processed)
        .description("uploads the processing worker settled, by outcome")
        .tag("outcome", "processed")
        .register(registry);
    FunctionCounter.builder("files.processing.settled", queue, ProcessingQueue::failed)
        .description("uploads the processing worker settled, by outcome")
        .tag("outcome", "failed")
        .register(registry);
    return queue;
  }
}
