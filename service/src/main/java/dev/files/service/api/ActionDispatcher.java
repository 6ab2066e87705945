package dev.files.service.api;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.FailureLog;
import dev.files.error.FileError;
import dev.files.service.auth.Identity;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TraceIds;
import dev.files.service.trace.TraceMdc;
import dev.files.service.trace.Tracing;
import dev.files.store.history.Origin;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one path every transport takes to an action: validate the body against its schema, resolve
 * the {@link Caller}, run the action, and hand back its reply or a {@link FileError}. It is also
 * the one place an action's failure is logged, once, with the action, uploadId and owner in the MDC
 * ({@link FailureLog}: stack traces only for {@code internal}; an outage logs when a backend goes
 * down, a count at most every quiet period, and when it is back). Each request is a span named
 * after the action ({@link Tracing}), and its log lines carry the span's trace_id and span_id.
 */
public final class ActionDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDispatcher.class);

  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final RequestValidator validator;
  private final FailureLog failures;
  private final Tracing tracing;

  public ActionDispatcher(List<Action> actions, RequestValidator validator) {
    this(actions, validator, Tracing.off());
  }

  /** With the tracing the requests' spans go to. */
  public ActionDispatcher(List<Action> actions, RequestValidator validator, Tracing tracing) {
    this(actions, validator, new FailureLog(ActionDispatcher.class), tracing);
  }

  /** With the failure log to use (tests give one with their own clock and quiet period). */
  public ActionDispatcher(List<Action> actions, RequestValidator validator, FailureLog failures) {
    this(actions, validator, failures, Tracing.off());
  }

  private ActionDispatcher(
      List<Action> actions, RequestValidator validator, FailureLog failures, Tracing tracing) {
    for (Action a : actions) {
      this.actions.put(a.name(), a);
    }
    this.validator = validator;
    this.failures = failures;
    this.tracing = tracing;
  }

  /** The names of the actions served. */
  public Set<String> names() {
    return Set.copyOf(actions.keySet());
  }

  /**
   * Runs an action for a transport.
   *
   * @param name the action, e.g. {@code files.tag.add}
   * @param body the parsed request body (anything JSON; only an object is valid)
   * @param identity what the transport established about the caller
   * @return the reply, or a failed future holding a {@link FileError}
   */
  public Future<JsonObject> dispatch(String name, Object body, Identity identity) {
    return dispatch(name, body, identity, Origin.unknown(), Context.current());
  }

  /**
   * Runs an action for a transport that knows where the request came from and the trace context it
   * received ({@link Tracing#parentFrom}), in a span of its own; the calling service the
   * credentials name (a JWT's {@code azp}) takes precedence over the transport's.
   *
   * @param origin the request's origin, kept in the record's history and provenance
   * @param parent the trace context the request continues
   */
  public Future<JsonObject> dispatch(
      String name, Object body, Identity identity, Origin origin, Context parent) {
    JsonObject request = body instanceof JsonObject j ? j : new JsonObject();
    SpanTags tags =
        new SpanTags(name, textOrNull(request, "uploadId"), textOrNull(request, "username"));
    return tracing.inSpan(
        name,
        SpanKind.SERVER,
        parent,
        tags,
        false,
        span -> run(name, body, identity, TraceIds.stamped(origin, span), span));
  }

  private Future<JsonObject> run(
      String name, Object body, Identity identity, Origin origin, Span span) {
    long started = System.nanoTime();
    Future<JsonObject> reply;
    try {
      Action action = actions.get(name);
      if (action == null) {
        throw FileError.notFound("no action " + name);
      }
      validator.validate(name, body);
      JsonObject request = (JsonObject) body;
      Caller caller = identity.callerFor(request).from(withService(origin, identity));
      reply = action.handle(caller, request);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    return reply
        .recover(e -> Future.failedFuture(FileError.of(e)))
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().getValue("uploadId") instanceof String id) {
                span.setAttribute(SpanTags.UPLOAD_ID, id); // files.upload names it only now
              }
              log(name, body, (System.nanoTime() - started) / 1_000_000, ar.cause(), span);
            });
  }

  private static Origin withService(Origin origin, Identity identity) {
    String service = identity.callerService();
    if (service == null) {
      return origin;
    }
    return new Origin(
        origin.transport(),
        origin.clientAddress(),
        origin.userAgent(),
        service,
        origin.requestId(),
        origin.traceId());
  }

  private void log(String name, Object body, long millis, Throwable failure, Span span) {
    JsonObject request = body instanceof JsonObject j ? j : new JsonObject();
    try (MDC.MDCCloseable a = MDC.putCloseable("action", name);
        MDC.MDCCloseable u = MDC.putCloseable("uploadId", text(request, "uploadId"));
        MDC.MDCCloseable o = MDC.putCloseable("owner", text(request, "username"));
        TraceMdc t = TraceMdc.of(span)) {
      if (failure == null) {
        failures.succeeded(name);
        LOG.debug("ok in {} ms", millis);
      } else {
        failures.failed(name, "after " + millis + " ms", failure);
      }
    }
  }

  private static String textOrNull(JsonObject request, String key) {
    Object value = request.getValue(key);
    return value == null ? null : String.valueOf(value);
  }

  private static String text(JsonObject request, String key) {
    Object value = request.getValue(key);
    return value == null ? "-" : String.valueOf(value);
  }
}
