package dev.files.service.health;

import dev.files.error.FailureLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named checks of the backends the service depends on, run together with a timeout each. The report
 * is up when every check succeeded. A failing check reads {@code down} in the report, which anyone
 * who reaches the service can read: why it failed (hosts, ports, the driver's words) goes to the
 * log only, through a {@link FailureLog}, so that a load balancer polling a dead backend writes a
 * line when it goes down and one when it comes back, not one per poll.
 */
public final class HealthChecks {
  private final Vertx vertx;
  private final long timeoutMillis;
  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private final FailureLog failures = new FailureLog(HealthChecks.class);

  public HealthChecks(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  /** Adds a check; a failed or late future means the component is down. */
  public HealthChecks add(String name, Supplier<Future<?>> check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check; never fails. */
  public Future<Report> check() {
    List<String> names = new ArrayList<>(checks.keySet());
    List<Future<String>> results = new ArrayList<>();
    for (String name : names) {
      results.add(run(name, checks.get(name)));
    }
    return Future.join(results)
        .transform(
            ignored -> {
              Map<String, String> outcome = new LinkedHashMap<>();
              for (int i = 0; i < names.size(); i++) {
                outcome.put(names.get(i), results.get(i).result());
              }
              return Future.succeededFuture(new Report(outcome));
            });
  }

  private Future<String> run(String name, Supplier<Future<?>> check) {
    Promise<String> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMillis, t -> promise.tryComplete("down: no answer in " + timeoutMillis + " ms"));
    Future<?> f;
    try {
      f = check.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          promise.tryComplete(ar.succeeded() ? "up" : "down");
          if (ar.succeeded()) {
            failures.succeeded("health " + name);
          } else {
            failures.failed("health " + name, "", ar.cause());
          }
        });
    return promise.future();
  }

  /** Each check's outcome: {@code up}, {@code down}, or {@code down: no answer in N ms}. */
  public record Report(Map<String, String> checks) {
    public boolean up() {
      return checks.values().stream().allMatch("up"::equals);
    }

    public JsonObject toJson() {
      JsonObject c = new JsonObject();
      JsonArray failing = new JsonArray();
      checks.forEach(
          (name, outcome) -> {
            c.put(name, outcome);
            if (!"up".equals(outcome)) {
              failing.add(name);
            }
          });
      return new JsonObject()
          .put("status", up() ? "up" : "down")
          .put("checks", c)
          .put("failing", failing);
    }
  }
}
