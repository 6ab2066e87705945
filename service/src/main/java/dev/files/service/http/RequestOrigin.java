package dev.files.service.http;

import dev.files.store.history.Origin;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where an HTTP request came from, for the record's history and provenance. The client address is
 * the peer's, unless the peer is a trusted proxy ({@code http.trustedProxies}): then {@code
 * X-Forwarded-For} is read from the right, skipping trusted proxies, and the first other address is
 * the client (an address a client wrote itself further left cannot be believed). The request id is
 * {@code X-Request-Id} when it is a short token, else a new UUID; the trace id is the request id
 * until tracing provides one.
 */
public final class RequestOrigin {
  static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final int MAX_USER_AGENT = 256;

  private final Set<String> trustedProxies;

  /**
   * @param trustedProxies the proxies' IP addresses, exactly as the peer address reads
   */
  public RequestOrigin(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  public Origin of(HttpServerRequest request) {
    String requestId = request.getHeader(REQUEST_ID);
    if (requestId == null || !TOKEN.matcher(requestId).matches()) {
      requestId = UUID.randomUUID().toString();
    }
    return new Origin(
        Origin.HTTP,
        clientAddress(peer(request), request.getHeader("X-Forwarded-For")),
        userAgent(request.getHeader(HttpHeaders.USER_AGENT)),
        null,
        requestId,
        requestId);
  }

  /** The client behind {@code peer}, given the X-Forwarded-For header (may be null). */
  String clientAddress(String peer, String forwardedFor) {
    if (peer == null || !trustedProxies.contains(peer) || forwardedFor == null) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    String client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) {
        break;
      }
      client = hop;
      if (!trustedProxies.contains(hop)) {
        break;
      }
    }
    return client;
  }

  private static String peer(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  private static String userAgent(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    return header.length() > MAX_USER_AGENT ? header.substring(0, MAX_USER_AGENT) : header;
  }
}
