package dev.files.client;

import dev.files.error.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Calls the files service's actions from another JVM, over the clustered event bus or HTTP.
 *
 * <p>Each method takes the action's request JSON and completes with its reply JSON, exactly as
 * documented for the API. A failure is always a {@link dev.files.error.FileError} with the API's
 * {@code code()} and {@code status()}: the service's own error, or {@code unavailable} (503) when
 * the service could not be reached or did not answer within the timeout (the cause is then the
 * transport's exception, a {@link java.util.concurrent.TimeoutException} for a timeout).
 *
 * <p>A call that is safe to repeat (the reads and files.finish) is tried again after a transient
 * failure ({@link Retry#isTransient(Throwable)}), with back-off; nothing else is ever repeated.
 *
 * <p>Over the event bus, the caller's Vert.x must be a member of the service's cluster:
 *
 * <p>{@link dev.files.client.examples.ClientExamples#overTheEventBus}
 *
 * <p>Over HTTP, with a bearer token when the service runs {@code auth.mode=jwt}, and a shorter
 * timeout for one call:
 *
 * <p>{@link dev.files.client.examples.ClientExamples#overHttp}
 *
 * <p>Errors carry the API's code whatever the transport:
 *
 * <p>{@link dev.files.client.examples.ClientExamples#handlingErrors}
 */
public final class FilesClient {
  private final Vertx vertx;
  private final Transport transport;
  private final FilesClientOptions options;

  private FilesClient(Vertx vertx, Transport transport, FilesClientOptions options) {
    this.vertx = vertx;
    this.transport = transport;
    this.options = options;
  }

  /** A client sending to {@code files.<action>} on {@code vertx}'s event bus, default options. */
  public static FilesClient overEventBus(Vertx vertx) {
    return overEventBus(vertx, new FilesClientOptions());
  }

  /**
   * A client sending to {@code files.<action>} on {@code vertx}'s event bus. For another process to
   * reach the service, {@code vertx} must be clustered with it (same cluster manager and cluster,
   * and the event bus certificates when the cluster uses mutual TLS).
   */
  public static FilesClient overEventBus(Vertx vertx, FilesClientOptions options) {
    return new FilesClient(vertx, new EventBusTransport(vertx), new FilesClientOptions(options));
  }

  /** A client posting to {@code baseUrl} (e.g. {@code http://files:8080}), default options. */
  public static FilesClient overHttp(Vertx vertx, String baseUrl) {
    return overHttp(vertx, baseUrl, new FilesClientOptions());
  }

  /** A client posting to {@code <baseUrl>/files/<action>}. */
  public static FilesClient overHttp(Vertx vertx, String baseUrl, FilesClientOptions options) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    return new FilesClient(
        vertx,
        new HttpTransport(
            WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), poolOf(options)),
            baseUrl,
            options.getBearerToken()),
        new FilesClientOptions(options));
  }

  private static PoolOptions poolOf(FilesClientOptions options) {
    return new PoolOptions().setHttp1MaxSize(options.getMaxConnections());
  }

  /** This client with another timeout per attempt (same connections); for one call or a few. */
  public FilesClient withTimeout(Duration timeout) {
    return new FilesClient(vertx, transport, new FilesClientOptions(options).setTimeout(timeout));
  }

  /** The options in force (a copy). */
  public FilesClientOptions options() {
    return new FilesClientOptions(options);
  }

  /** Closes the connections this client opened; the Vert.x instance stays open. */
  public Future<Void> close() {
    return transport.close();
  }

  /**
   * Any action by name ({@code files.tag.add}); retried on transient failures only when it is safe
   * to repeat.
   */
  public Future<JsonObject> call(String action, JsonObject request) {
    Objects.requireNonNull(request, "request");
    return attempt(action, request, 0);
  }

  /** files.upload: the pending record with each part's {@code location}. Never retried. */
  public Future<JsonObject> upload(JsonObject request) {
    return call("files.upload", request);
  }

  /** files.finish: marks a stored object's part uploaded; repeating it is harmless. */
  public Future<JsonObject> finish(JsonObject request) {
    return call("files.finish", request);
  }

  /** files.process: processes an uploaded (or failed) record again. */
  public Future<JsonObject> process(JsonObject request) {
    return call("files.process", request);
  }

  /** files.info: {@code {username, file}}. */
  public Future<JsonObject> info(JsonObject request) {
    return call("files.info", request);
  }

  /** files.history: {@code {username, uploadId, entries, cursor}}, the record's changes. */
  public Future<JsonObject> history(JsonObject request) {
    return call("files.history", request);
  }

  /** files.download: signed or direct URLs of the parts. */
  public Future<JsonObject> download(JsonObject request) {
    return call("files.download", request);
  }

  /** files.list: a page of records. */
  public Future<JsonObject> list(JsonObject request) {
    return call("files.list", request);
  }

  /** files.head: upload ids by alias. */
  public Future<JsonObject> head(JsonObject request) {
    return call("files.head", request);
  }

  /** files.report: counts and sizes of an owner's listed files. */
  public Future<JsonObject> report(JsonObject request) {
    return call("files.report", request);
  }

  /** files.update: the updated record. */
  public Future<JsonObject> update(JsonObject request) {
    return call("files.update", request);
  }

  /** files.tag.add: the record with the tags added. */
  public Future<JsonObject> tagAdd(JsonObject request) {
    return call("files.tag.add", request);
  }

  /** files.tag.remove: the record without the tags. */
  public Future<JsonObject> tagRemove(JsonObject request) {
    return call("files.tag.remove", request);
  }

  /** files.access: the record, public or private. */
  public Future<JsonObject> access(JsonObject request) {
    return call("files.access", request);
  }

  /** files.remove: {@code {uploadId, removed: true}}. */
  public Future<JsonObject> remove(JsonObject request) {
    return call("files.remove", request);
  }

  /** files.restore: brings a soft-deleted record back. */
  public Future<JsonObject> restore(JsonObject request) {
    return call("files.restore", request);
  }

  /** files.sync: the operator's reconciliation run (admin). */
  public Future<JsonObject> sync(JsonObject request) {
    return call("files.sync", request);
  }

  private Future<JsonObject> attempt(String action, JsonObject request, int retries) {
    return transport
        .send(action, request, options.getTimeout())
        .recover(
            failure -> {
              boolean again =
                  retries < options.getMaxRetries()
                      && SafeToRepeat.action(action)
                      && Retry.isTransient(failure);
              if (!again) {
                return Future.failedFuture(failure);
              }
              long wait = options.backoff(retries + 1).toMillis();
              return vertx
                  .timer(Math.max(1, wait))
                  .compose(t -> attempt(action, request, retries + 1));
            });
  }
}
