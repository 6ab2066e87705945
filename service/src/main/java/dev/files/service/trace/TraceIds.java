package dev.files.service.trace;

import dev.files.store.history.Origin;
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

  /**
   * {@code origin} with the trace id of {@code span} when the span is recorded, so that a history
   * entry leads to the trace of the step that wrote it; {@code origin} unchanged otherwise (tracing
   * off: an HTTP or bus request keeps its request id as trace id).
   */
  public static Origin stamped(Origin origin, Span span) {
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) {
      return origin;
    }
    return new Origin(
        origin.transport(),
        origin.clientAddress(),
        origin.userAgent(),
        origin.callerService(),
        origin.requestId(),
        context.getTraceId());
  }
}
