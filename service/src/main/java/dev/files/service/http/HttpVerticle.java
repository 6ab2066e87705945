package dev.files.service.http;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link HttpApi} on the configured host and port (0: a free port, logged), closing
 * connections that are silent for the idle timeout and requests whose body stalls for the body
 * timeout (zero turns either off).
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpApi api;
  private final String host;
  private final int port;
  private final Duration idleTimeout;
  private final Duration bodyTimeout;
  private volatile HttpServer server;

  public HttpVerticle(
      HttpApi api, String host, int port, Duration idleTimeout, Duration bodyTimeout) {
    this.api = api;
    this.host = host;
    this.port = port;
    this.idleTimeout = idleTimeout;
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // HTTP/1.1 only in clear text: clients such as java.net.http upgrade to h2c by
                // default, and streamed downloads of local storage need HTTP/1.1.
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .requestHandler(watchingBodies(api.router(vertx)))
        .invalidRequestHandler(HttpVerticle::invalidRequest)
        .listen()
        .onSuccess(
            s -> {
              server = s;
              LOG.info("HTTP API listening on http://{}:{}", host, s.actualPort());
            });
  }

  private Handler<HttpServerRequest> watchingBodies(Router router) {
    BodyTimeout bodies = new BodyTimeout(vertx, bodyTimeout);
    return request -> {
      bodies.watch(request);
      router.handle(request);
    };
  }

  /**
   * A request that is not valid HTTP/1.x (a request line or headers Netty cannot decode or that are
   * too long) gets the error JSON too, instead of the transport's bare 400/414/431; the connection
   * is closed after it.
   */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    FileError error =
        cause instanceof TooLongHttpLineException || cause instanceof TooLongHttpHeaderException
            ? new FileError(ErrorCode.TOO_LARGE, "the request line or headers are too long")
            : FileError.validation("the request is not valid HTTP");
    LOG.info(
        "invalid HTTP request refused with {}: {}",
        error.status(),
        cause == null ? "-" : cause.getMessage());
    request
        .response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(error.toJson().toBuffer());
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }
}
