package dev.files.service.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * Puts a span's {@code trace_id} and {@code span_id} in the logging MDC until closed; nothing when
 * the span is not recorded (tracing off), so log lines carry the fields only when they mean
 * something.
 */
public final class TraceMdc implements AutoCloseable {
  /** MDC key of the trace id. */
  public static final String TRACE_ID = "trace_id";

  /** MDC key of the span id. */
  public static final String SPAN_ID = "span_id";

  private final boolean put;

  private TraceMdc(boolean put) {
    this.put = put;
  }

  /** Puts {@code span}'s ids in the MDC (when it is recorded). */
  public static TraceMdc of(Span span) {
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) {
      return new TraceMdc(false);
    }
    MDC.put(TRACE_ID, context.getTraceId());
    MDC.put(SPAN_ID, context.getSpanId());
    return new TraceMdc(true);
  }

  @Override
  public void close() {
    if (put) {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    }
  }
}
