package dev.files.service.bus;

import dev.files.error.FileError;
import dev.files.service.api.ActionDispatcher;
import dev.files.service.auth.Identity;
import dev.files.service.trace.Tracing;
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

  private void handle(String name, Message<Object> message) {
    dispatcher
        .dispatch(name, message.body(), identity, Tracing.parentFrom(message.headers()))
        .onSuccess(message::reply)
        .onFailure(
            e -> {
              FileError error = FileError.of(e);
              message.fail(error.status(), error.toJson().encode());
            });
  }
}
