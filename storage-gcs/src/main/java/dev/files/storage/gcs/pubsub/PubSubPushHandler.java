package dev.files.storage.gcs.pubsub;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pub/Sub push deliveries of GCS notifications, free of any HTTP framework: takes what the request
 * carried and answers the status to send. {@value #ACK} acknowledges (applied, duplicate, unknown
 * object, other event type, malformed: redelivery cannot change those), {@value #RETRY} asks
 * Pub/Sub to redeliver (transient failure only), 401/403 refuse an unauthenticated delivery and
 * change nothing. {@link PubSubPushRoute} adapts it to a Vert.x Web route.
 */
public final class PubSubPushHandler {
  private static final Logger log = LoggerFactory.getLogger(PubSubPushHandler.class);

  /** Acknowledged. */
  public static final int ACK = 204;

  /** Redeliver later. */
  public static final int RETRY = 503;

  private final PushAuthenticator authenticator;
  private final NotificationProcessor processor;

  public PubSubPushHandler(PushAuthenticator authenticator, NotificationProcessor processor) {
    this.authenticator = authenticator;
    this.processor = processor;
  }

  /**
   * Handles one delivery: {@code tokenParam} is the request's {@code token} query parameter, {@code
   * authorization} its Authorization header (each may be null), {@code body} the push JSON. Call on
   * a Vert.x context; the future never fails.
   */
  public Future<Integer> handle(String tokenParam, String authorization, Buffer body) {
    return authenticator
        .check(tokenParam, authorization)
        .compose(
            verdict -> {
              switch (verdict) {
                case ALLOWED:
                  return process(body);
                case MISSING:
                  processor.counters().countUnauthenticated();
                  return Future.succeededFuture(401);
                default:
                  processor.counters().countUnauthenticated();
                  log.warn("push delivery refused: bad token");
                  return Future.succeededFuture(403);
              }
            })
        .otherwise(
            t -> {
              log.warn("push delivery failed, redelivery requested", t);
              return RETRY;
            });
  }

  private Future<Integer> process(Buffer body) {
    JsonObject message;
    byte[] data;
    Map<String, String> attributes;
    try {
      message = new JsonObject(body == null ? Buffer.buffer() : body).getJsonObject("message");
      if (message == null) {
        throw new DecodeException("no message");
      }
      String encoded = message.getString("data");
      data = encoded == null ? new byte[0] : Base64.getDecoder().decode(encoded);
      attributes = attributes(message.getJsonObject("attributes"));
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      // not a push body at all: count it as malformed through the processor's decoder
      attributes = null;
      data = null;
      message = new JsonObject();
    }
    String messageId = message.getString("messageId", message.getString("message_id"));
    return processor
        .process(attributes, data, messageId)
        .map(outcome -> outcome.ack() ? ACK : RETRY);
  }

  private static Map<String, String> attributes(JsonObject json) {
    if (json == null) {
      return null;
    }
    Map<String, String> m = new HashMap<>();
    json.forEach(e -> m.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString()));
    return m;
  }
}
