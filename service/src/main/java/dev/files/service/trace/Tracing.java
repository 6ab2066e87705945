package dev.files.service.trace;

import dev.files.error.FileError;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The service's tracer and how spans are made. Off (a no-op that costs nothing) unless the standard
 * OpenTelemetry settings ask for traces: {@link #requested} decides. Trace context travels as W3C
 * {@code traceparent} in HTTP and event bus headers.
 */
public final class Tracing implements AutoCloseable {
  /** Attribute {@code files.error_code} on a span that failed: the API's error code. */
  public static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("files.error_code");

  private static final String SCOPE = "dev.files";
  private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), false, null);
  private static final TextMapGetter<MultiMap> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
          return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;
  private final boolean enabled;
  private final OpenTelemetrySdk sdk;

  private Tracing(OpenTelemetry otel, boolean enabled, OpenTelemetrySdk sdk) {
    this.tracer = otel.getTracer(SCOPE);
    this.enabled = enabled;
    this.sdk = sdk;
  }

  /** No spans at all. */
  public static Tracing off() {
    return OFF;
  }

  /** Spans through {@code otel} (tests give an SDK with an in-memory exporter). */
  public static Tracing with(OpenTelemetry otel) {
    return new Tracing(otel, true, null);
  }

  /**
   * From the process's {@code OTEL_*} variables and {@code otel.*} system properties: the SDK's
   * autoconfiguration when {@link #requested} says so, {@link #off()} otherwise.
   */
  public static Tracing fromEnvironment() {
    Map<String, String> settings = new HashMap<>(System.getenv());
    System.getProperties().forEach((k, v) -> settings.put(String.valueOf(k), String.valueOf(v)));
    if (!requested(settings)) {
      return OFF;
    }
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(Tracing::defaults)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    return new Tracing(sdk, true, sdk);
  }

  /**
   * Whether the settings ask for traces: {@code OTEL_TRACES_EXPORTER} names an exporter other than
   * {@code none}, or an OTLP endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}); never when {@code OTEL_SDK_DISABLED=true}. Each also
   * counts as its system property ({@code otel.traces.exporter}, ...).
   *
   * @param settings environment variables and system properties together
   */
  public static boolean requested(Map<String, String> settings) {
    if ("true".equalsIgnoreCase(setting(settings, "otel.sdk.disabled"))) {
      return false;
    }
    String exporter = setting(settings, "otel.traces.exporter");
    if (exporter != null && !exporter.isBlank()) {
      return !"none".equalsIgnoreCase(exporter.trim());
    }
    return setting(settings, "otel.exporter.otlp.endpoint") != null
        || setting(settings, "otel.exporter.otlp.traces.endpoint") != null;
  }

  private static String setting(Map<String, String> settings, String property) {
    String value = settings.get(property);
    if (value == null) {
      value = settings.get(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * What the service sets unless the environment says otherwise: traces only, named files, over
   * OTLP/HTTP (the SDK's default is gRPC, whose sender the service does not bundle).
   */
  private static Map<String, String> defaults() {
    return Map.of(
        "otel.service.name", "files",
        "otel.traces.exporter", "otlp",
        "otel.exporter.otlp.protocol", "http/protobuf",
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none");
  }

  /** Whether spans are recorded at all. */
  public boolean enabled() {
    return enabled;
  }

  Tracer tracer() {
    return tracer;
  }

  /** The trace context a transport's headers carry ({@code traceparent}), or the root. */
  public static Context parentFrom(MultiMap headers) {
    if (headers == null || headers.get("traceparent") == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
  }

  /** Writes the current trace context as headers ({@code traceparent}), when there is one. */
  public static void inject(BiConsumer<String, String> header) {
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), header, (carrier, key, value) -> carrier.accept(key, value));
  }

  /** The current span's W3C {@code traceparent}, or null outside a recorded span. */
  static String currentTraceparent(Context context) {
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    return carrier.get("traceparent");
  }

  /**
   * Runs {@code work} in a new span that ends when its future completes (failed: status error and
   * {@link #ERROR_CODE}). Everything {@code work} starts sees the span as current.
   *
   * @param name the span's name, e.g. {@code files.upload}
   * @param parent the span's parent ({@link Context#root()} for a new trace)
   * @param tags what the span is about; what is null is taken from the parent's
   * @param linkUpload whether the span learns its upload from the first record read under it
   *     ({@link UploadLink})
   */
  public <T> Future<T> inSpan(
      String name,
      SpanKind kind,
      Context parent,
      SpanTags tags,
      boolean linkUpload,
      Function<Span, Future<T>> work) {
    if (!enabled) {
      return VertxContextStorage.safely(() -> work.apply(Span.getInvalid()));
    }
    Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    SpanTags effective = tags.over(SpanTags.of(parent));
    effective.applyTo(span);
    Context context = effective.storeIn(parent.with(span));
    if (linkUpload) {
      context = UploadLink.waiting(context, span);
    }
    return VertxContextStorage.runIn(context, () -> work.apply(span)).andThen(ar -> end(span, ar));
  }

  /**
   * A child span of the current one for a call to a backend ({@code store.get}, {@code
   * storage.stat}), or null when tracing is off or no span is current: a call outside any traced
   * step (the syncer, a health check) makes no trace of its own.
   */
  Span startCall(String name, Context parent, SpanTags tags) {
    if (!enabled || !Span.fromContext(parent).getSpanContext().isValid()) {
      return null;
    }
    Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CLIENT).startSpan();
    tags.over(SpanTags.of(parent)).applyTo(span);
    return span;
  }

  /** Ends a span with the outcome of what it measured. */
  static void end(Span span, AsyncResult<?> outcome) {
    if (outcome.failed()) {
      FileError error = FileError.of(outcome.cause());
      span.setStatus(StatusCode.ERROR, error.code().code());
      span.setAttribute(ERROR_CODE, error.code().code());
    }
    span.end();
  }

  /** Flushes and stops the SDK this instance built, if any. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.close();
    }
  }
}
