package dev.files.client;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Sends to {@code files.<action>} on the (clustered) event bus of the caller's Vert.x. */
final class EventBusTransport implements Transport {
  private final Vertx vertx;

  EventBusTransport(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<JsonObject> send(String action, JsonObject body, Duration timeout) {
    return vertx
        .eventBus()
        .request(action, body, new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .recover(e -> Future.failedFuture(translate(action, timeout, e)))
        .compose(
            message ->
                message.body() instanceof JsonObject reply
                    ? Future.succeededFuture(reply)
                    : Future.failedFuture(
                        FileError.of(
                            new IllegalStateException(
                                action + " replied with " + message.body()))));
  }

  private static FileError translate(String action, Duration timeout, Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return Failures.unreachable(action, failure);
    }
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE -> Failures.fromReply(reply.failureCode(), reply.getMessage());
      case TIMEOUT -> Failures.timedOut(action, timeout, null);
      case NO_HANDLERS ->
          FileError.unavailable("no member of the cluster serves " + action + " now", reply);
      case ERROR -> Failures.unreachable(action, reply);
    };
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
