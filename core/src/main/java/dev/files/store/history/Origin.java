package dev.files.store.history;

import io.vertx.core.json.JsonObject;

/**
 * Where a request came from. Every field may be null when the transport does not know it.
 *
 * @param transport {@code http}, {@code bus}, {@code notification} (a storage event) or {@code
 *     internal} (a timer of the service itself: reconciler, processing worker)
 * @param clientAddress the client's IP address (over HTTP: the peer, or the first address of {@code
 *     X-Forwarded-For} that is not a trusted proxy)
 * @param userAgent the {@code User-Agent} header
 * @param callerService the calling service: the JWT's {@code azp}, or a bus message's {@code
 *     x-caller-service} header
 * @param requestId the request's id ({@code X-Request-Id} or one made up by the service)
 * @param traceId the trace the request belongs to; the request id until tracing fills it
 */
public record Origin(
    String transport,
    String clientAddress,
    String userAgent,
    String callerService,
    String requestId,
    String traceId) {

  public static final String HTTP = "http";
  public static final String BUS = "bus";
  public static final String NOTIFICATION = "notification";
  public static final String INTERNAL = "internal";

  /** Nothing is known: a write by code that names no origin. */
  public static Origin unknown() {
    return new Origin(null, null, null, null, null, null);
  }

  /** Only the transport is known (a timer or a storage event inside the service). */
  public static Origin of(String transport) {
    return new Origin(transport, null, null, null, null, null);
  }

  /** The JSON of history entries and provenance; null fields are absent. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    put(j, "transport", transport);
    put(j, "clientAddress", clientAddress);
    put(j, "userAgent", userAgent);
    put(j, "callerService", callerService);
    put(j, "requestId", requestId);
    put(j, "traceId", traceId);
    return j;
  }

  public static Origin fromJson(JsonObject j) {
    if (j == null) {
      return unknown();
    }
    return new Origin(
        j.getString("transport"),
        j.getString("clientAddress"),
        j.getString("userAgent"),
        j.getString("callerService"),
        j.getString("requestId"),
        j.getString("traceId"));
  }

  private static void put(JsonObject j, String key, String value) {
    if (value != null) {
      j.put(key, value);
    }
  }
}
