package dev.files.service.bus;

import dev.files.error.FileError;
import dev.files.service.api.ActionDispatcher;
import dev.files.service.auth.Identity;
import dev.files.service.trace.Tracing;
import dev.files.store.history.Origin;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serves every action at its name on the event bus ({@code files.tag.add}). The reply is the
 * action's JSON; a failure is a {@code ReplyException} whose failure code is the HTTP status and
 * whose message is the error JSON. The bus is internal, so the body's username is believed.
 */
public final class EventBusApi extends VerticleBase {
  /** The header naming the calling service. */
  public static final String CALLER_SERVICE = "x-caller-service";

  /** The header carrying the caller's request id. */
  public static final String REQUEST_ID = "x-request-id";

  private final ActionDispatcher dispatcher;
  private final Identity identity;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  public EventBusApi(ActionDispatcher dispatcher, Set<String> admins) {
    this.dispatcher = dispatcher;
    this.identity = new Identity.Trusted(admins);
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> registered = new ArrayList<>();
    for (String name : dispatcher.names()) {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(name, m -> handle(name, m));
      consumers.add(consumer);
      registered.add(consumer.completion());
    }
    return Future.all(registered);
  }

  /**
   * A bus message's origin: the sender names its service and request in headers ({@value
   * #CALLER_SERVICE}, {@value #REQUEST_ID}); the trace id is the request id until the dispatcher
   * puts the trace id of a traced request.
   */
  static Origin origin(Message<Object> message) {
    String requestId = header(message, REQUEST_ID);
    return new Origin(
        Origin.BUS, null, null, header(message, CALLER_SERVICE), requestId, requestId);
  }

  private static String header(Message<Object> message, String name) {
    String value = message.headers().get(name);
    return value == null || value.isBlank() || value.length() > 200 ? null : value;
  }

  private void handle(String name, Message<Object> message) {
    dispatcher
        .dispatch(
            name, message.body(), identity, origin(message), Tracing.parentFrom(message.headers()))
        .onSuccess(message::reply)
        .onFailure(
            e -> {
              FileError error = FileError.of(e);
              message.fail(error.status(), error.toJson().encode());
            });
  }
}
