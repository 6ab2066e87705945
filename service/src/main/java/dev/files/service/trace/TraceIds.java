package dev.files.service.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace of the work running now, for whoever wants to record it (a request's origin, a log
 * line). Null when no span is recorded (tracing off, or outside a request).
 */
public final class TraceIds {
  private TraceIds() {}

  /** The current trace id (32 hex digits), or null. */
  public static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** The current span id (16 hex digits), or null. */
  public static String currentSpanId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getSpanId() : null;
  }
}
