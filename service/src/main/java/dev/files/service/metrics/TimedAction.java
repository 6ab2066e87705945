package dev.files.service.metrics;

import dev.files.action.Action;
import dev.files.action.Caller;
import dev.files.error.FileError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * An {@link Action} decorator that times every call: timer {@code files.action} (Prometheus {@code
 * files_action_seconds}) tagged with the action and the outcome ({@code ok} or the error code),
 * with histogram buckets for latency quantiles. Requests refused before an action runs (schema,
 * identity) are not in it; the HTTP server's own metrics count those.
 */
public final class TimedAction implements Action {
  /** The timer's name. */
  public static final String METRIC = "files.action";

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final Action delegate;
  private final MeterRegistry registry;

  public TimedAction(Action delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<JsonObject> handle(Caller caller, JsonObject request) {
    Timer.Sample sample = Timer.start(registry);
    Future<JsonObject> result;
    try {
      result = delegate.handle(caller, request);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onComplete(
        ar -> sample.stop(timer(ar.succeeded() ? "ok" : FileError.of(ar.cause()).code().code())));
  }

  private Timer timer(String outcome) {
    return Timer.builder(METRIC)
        .description("files.* actions by action and outcome")
        .tag("action", delegate.name())
        .tag("outcome", outcome)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }
}
