package dev.files.blob;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * An HTTP route a storage serves on the service's server, described without a web framework so that
 * core needs none: the service mounts it on its router.
 */
public sealed interface StorageRoute {

  /**
   * Every request under {@code prefix} (any method), handed over untouched: the handler reads (or
   * streams) the body itself. It runs first on the request, before any body handler, so it may
   * pause the request before a byte is lost.
   */
  record Streaming(String prefix, Handler<HttpServerRequest> handler) implements StorageRoute {}

  /**
   * {@code method path} with the body read whole first (413 above {@code bodyLimit} bytes); the
   * handler's status is the answer (503 when it fails).
   */
  record Buffered(HttpMethod method, String path, long bodyLimit, BodyHandler handler)
      implements StorageRoute {}

  /** Handles a request whose body was read whole. */
  @FunctionalInterface
  interface BodyHandler {
    /** The HTTP status to answer with (no body). */
    Future<Integer> handle(HttpServerRequest request, Buffer body);
  }
}
