package dev.files.service.trace;

import dev.files.model.FileRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A span that started without knowing its upload (a storage notification, files.finish, a
 * processing run) learns it from the first record the store hands back under it: the span gets the
 * record's {@code files.upload_id} and owner, and a link to the request that created the record
 * ({@link FileRecord#traceparent()}). A link, not a parent: those steps happen later, often in
 * another trace (the storage's or a retry's), and belong to it as well.
 */
final class UploadLink {
  private static final ContextKey<UploadLink> KEY = ContextKey.named("files.upload-link");
  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Span span;
  private final UploadLink outer;
  private final AtomicBoolean learned = new AtomicBoolean();

  private UploadLink(Span span, UploadLink outer) {
    this.span = span;
    this.outer = outer;
  }

  /** {@code context} with {@code span} waiting for its upload, besides the spans around it. */
  static Context waiting(Context context, Span span) {
    return context.with(KEY, new UploadLink(span, context.get(KEY)));
  }

  /**
   * Tells the spans waiting in {@code context} (the innermost and those around it, such as the
   * notification around files.finish) about {@code record}, each once.
   */
  static void learn(Context context, FileRecord record) {
    if (record == null) {
      return;
    }
    for (UploadLink link = context.get(KEY); link != null; link = link.outer) {
      if (link.learned.compareAndSet(false, true)) {
        link.tell(record);
      }
    }
  }

  private void tell(FileRecord record) {
    span.setAttribute(SpanTags.UPLOAD_ID, record.uploadId());
    span.setAttribute(SpanTags.OWNER, record.owner());
    SpanContext origin = spanContextOf(record.traceparent());
    if (origin.isValid()) {
      span.addLink(origin);
    }
  }

  /** The span context a {@code traceparent} names; invalid when there is none. */
  static SpanContext spanContextOf(String traceparent) {
    if (traceparent == null) {
      return SpanContext.getInvalid();
    }
    Context extracted =
        W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), Map.of("traceparent", traceparent), MAP);
    return Span.fromContext(extracted).getSpanContext();
  }
}
