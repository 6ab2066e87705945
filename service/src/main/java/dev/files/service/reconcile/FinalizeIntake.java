package dev.files.service.reconcile;

import dev.files.blob.FinalizeSink;
import dev.files.blob.ObjectFinalized;
import dev.files.error.FileError;
import dev.files.service.trace.SpanTags;
import dev.files.service.trace.TracedBlobStorage;
import dev.files.service.trace.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Takes the local storage's finalize events from {@link ObjectFinalized#ADDRESS} (the body is the
 * files.finish request JSON) and hands them to a {@link FinalizeSink}. The sender gets a reply, or
 * a failure with the error's status and JSON. Each event is a span {@code files.notification},
 * child of the sender's {@code traceparent} header when it has one, linked to the upload's request.
 */
public final class FinalizeIntake extends VerticleBase {
  private final FinalizeSink sink;
  private final Tracing tracing;
  private MessageConsumer<JsonObject> consumer;

  public FinalizeIntake(FinalizeSink sink) {
    this(sink, Tracing.off());
  }

  public FinalizeIntake(FinalizeSink sink, Tracing tracing) {
    this.sink = sink;
    this.tracing = tracing;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(ObjectFinalized.ADDRESS, this::handle);
    return consumer.completion();
  }

  private void handle(Message<JsonObject> message) {
    String object = message.body() == null ? null : message.body().getString("filename");
    Future<Void> done =
        tracing.inSpan(
            "files.notification",
            SpanKind.CONSUMER,
            Tracing.parentFrom(message.headers()),
            new SpanTags(null, null, null),
            true,
            span -> {
              if (object != null) {
                span.setAttribute(TracedBlobStorage.OBJECT, object);
              }
              return sink.accept(event(message.body()));
            });
    done.onSuccess(v -> message.reply(new JsonObject().put("ok", true)))
        .onFailure(
            e -> {
              FileError error = FileError.of(e);
              message.fail(error.status(), error.toJson().encode());
            });
  }

  /** Reads the event from the files.finish request JSON the storage sends. */
  static ObjectFinalized event(JsonObject body) {
    if (body == null || body.getString("filename") == null) {
      throw FileError.validation("a finalize event needs a filename");
    }
    return new ObjectFinalized(
        body.getString("bucket"),
        body.getString("filename"),
        body.getLong("generation"),
        body.getLong("contentLength"),
        body.getString("md5Hash"));
  }
}
