package dev.files.service.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@link HttpApi} on the configured host and port (0: a free port, logged). */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpApi api;
  private final String host;
  private final int port;
  private volatile HttpServer server;

  public HttpVerticle(HttpApi api, String host, int port) {
    this.api = api;
    this.host = host;
    this.port = port;
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
                .setHttp2ClearTextEnabled(false))
        .requestHandler(api.router(vertx))
        .listen()
        .onSuccess(
            s -> {
              server = s;
              LOG.info("HTTP API listening on http://{}:{}", host, s.actualPort());
            });
  }

  /** The port actually bound. */
  public int actualPort() {
    return server.actualPort();
  }
}
