package dev.files.service;

import dev.files.action.Action;
import dev.files.blob.FinalizeSink;
import dev.files.blob.StorageBackend;
import dev.files.blob.StorageMeter;
import dev.files.error.FileError;
import dev.files.service.api.ActionDispatcher;
import dev.files.service.api.OpenApiDocument;
import dev.files.service.api.RequestValidator;
import dev.files.service.auth.Authenticator;
import dev.files.service.auth.JwtAuthenticator;
import dev.files.service.bus.EventBusApi;
import dev.files.service.cluster.ClusterOptions;
import dev.files.service.cluster.SharedStateCheck;
import dev.files.service.cluster.VertxFactory;
import dev.files.service.config.ServiceConfig;
import dev.files.service.health.HealthChecks;
import dev.files.service.http.BrowserRoutes;
import dev.files.service.http.HttpApi;
import dev.files.service.http.HttpVerticle;
import dev.files.service.http.RequestOrigin;
import dev.files.service.metrics.ProcessingMeters;
import dev.files.service.metrics.SyncerMeters;
import dev.files.service.metrics.TimedAction;
import dev.files.service.process.ProcessSignals;
import dev.files.service.process.ProcessingQueue;
import dev.files.service.process.ProcessingWorker;
import dev.files.service.reconcile.FinalizeIntake;
import dev.files.service.reconcile.FinishingSink;
import dev.files.service.reconcile.Reconciler;
import dev.files.service.storage.Storages;
import dev.files.service.store.Stores;
import dev.files.service.trace.TracedBlobStorage;
import dev.files.service.trace.Tracing;
import dev.files.syncer.SyncerMetrics;
import dev.files.syncer.SyncerVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled service: its own Vert.x (with Micrometer metrics), the configured stores and
 * storage, the actions, and the verticles serving them (HTTP, event bus, processing worker,
 * reconciler, finalize intake). {@code files serve} runs one; tests start one per class.
 */
public final class FilesServer {
  private static final Logger LOG = LoggerFactory.getLogger(FilesServer.class);
  private static final long HEALTH_TIMEOUT_MS = 3_000;

  /** Builds the actions from the opened parts of the service. */
  @FunctionalInterface
  public interface ActionsFactory {
    List<Action> create(Parts parts);
  }

  /** Opens the blob storage; {@code publicUrl} is where clients reach this service. */
  @FunctionalInterface
  public interface StorageFactory {
    Future<StorageBackend> open(Vertx vertx, ServiceConfig config, String publicUrl);
  }

  /** What the actions are built from. */
  public record Parts(
      Vertx vertx,
      ServiceConfig config,
      Stores stores,
      StorageBackend storage,
      ProcessSignals signals) {}

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final ServiceConfig config;
  private final int port;
  private final Tracing tracing;
  private Stores stores;
  private StorageBackend storage;
  // Micrometer holds a function counter's object weakly: the meters live as long as the server.
  private List<StorageMeter> storageMeters = List.of();
  private Map<String, Action> actions = Map.of();
  private Future<Void> stopping;

  private FilesServer(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      ServiceConfig config,
      int port,
      Tracing tracing) {
    this.vertx = vertx;
    this.tracing = tracing;
    this.registry = registry;
    this.config = config;
    this.port = port;
  }

  public static Builder builder(ServiceConfig config) {
    return new Builder(config);
  }

  /** The port the HTTP API listens on. */
  public int port() {
    return port;
  }

  /** The base URL of the HTTP API. */
  public String baseUrl() {
    return "http://" + config.httpHost() + ":" + port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public ServiceConfig config() {
    return config;
  }

  public Stores stores() {
    return stores;
  }

  public StorageBackend storage() {
    return storage;
  }

  /** The action instances by name, for in-process callers. */
  public Map<String, Action> actions() {
    return actions;
  }

  /**
   * Stops every verticle, closes stores and storage, and closes Vert.x. Calling it again returns
   * the first call's future.
   */
  public synchronized Future<Void> stop() {
    if (stopping == null) {
      stopping = shutDown();
    }
    return stopping;
  }

  private Future<Void> shutDown() {
    return vertx.deploymentIDs().stream()
        .map(vertx::undeploy)
        .collect(Collectors.collectingAndThen(Collectors.toList(), Future::join))
        .transform(v -> stores == null ? Future.succeededFuture() : stores.close())
        .transform(v -> storage == null ? Future.succeededFuture() : storage.close())
        .transform(v -> vertx.close())
        .onComplete(
            ar -> {
              registry.close();
              tracing.close();
            });
  }

  private Future<FilesServer> assemble(
      ActionsFactory actionsFactory, StorageFactory storageFactory) {
    String publicUrl = publicUrl();
    return Stores.open(vertx, config, registry, tracing)
        .compose(
            s -> {
              stores = s;
              return storageFactory.open(vertx, config, publicUrl);
            })
        .compose(
            st -> {
              storage = st;
              storageMeters = st.meters();
              Storages.bind(registry, storageMeters);
              ProcessSignals signals = new ProcessSignals(vertx);
              // Building actions (Tika's type registry) and schemas takes seconds: off the loop.
              return vertx.executeBlocking(
                  () -> {
                    List<Action> list =
                        actionsFactory
                            .create(new Parts(vertx, config, stores, traced(st), signals))
                            .stream()
                            .<Action>map(a -> new TimedAction(a, registry))
                            .toList();
                    OpenApiDocument document = OpenApiDocument.load();
                    return new Prepared(list, document, new RequestValidator(document));
                  });
            })
        .compose(
            prepared -> {
              actions =
                  prepared.actions().stream()
                      .collect(Collectors.toUnmodifiableMap(Action::name, Function.identity()));
              return deploy(prepared);
            })
        .map(v -> this);
  }

  /** The storage as the actions see it: each call a span when tracing is on. */
  private StorageBackend traced(StorageBackend backend) {
    if (!tracing.enabled()) {
      return backend;
    }
    return StorageBackend.of(backend.name(), new TracedBlobStorage(backend.storage(), tracing));
  }

  private record Prepared(
      List<Action> actions, OpenApiDocument document, RequestValidator validator) {}

  private Future<Void> deploy(Prepared prepared) {
    FinalizeSink sink = finalizeSink();
    ActionDispatcher dispatcher =
        new ActionDispatcher(prepared.actions(), prepared.validator(), tracing);
    Future<?> chain =
        vertx
            .deployVerticle(httpVerticle(httpApi(prepared.document(), dispatcher, sink)))
            .compose(id -> vertx.deployVerticle(new EventBusApi(dispatcher, config.admins())));
    chain = deployProcessing(chain);
    chain =
        chain
            .compose(id -> vertx.deployVerticle(new FinalizeIntake(sink, tracing)))
            .compose(id -> storage.startNotifications(vertx, sink));
    chain = deploySyncer(chain);
    chain = deployReconciler(chain);
    return chain.<Void>mapEmpty().onSuccess(v -> LOG.info("files is serving at {}", baseUrl()));
  }

  /** Where finalize events go: files.finish, or a failure when it is not served. */
  private FinalizeSink finalizeSink() {
    Action finish = actions.get("files.finish");
    return finish != null
        ? new FinishingSink(finish, tracing)
        : event -> Future.failedFuture(FileError.notFound("files.finish is not served"));
  }

  private HttpApi httpApi(
      OpenApiDocument document, ActionDispatcher dispatcher, FinalizeSink sink) {
    return new HttpApi(
        dispatcher,
        authenticator(),
        healthChecks(),
        PrometheusScrapingHandler.create(registry),
        document,
        config.number("http.bodyLimit"),
        router -> {
          Storages.mount(router, storage.routes(sink));
          BrowserRoutes.mount(router, config);
        },
        new RequestOrigin(config.list("http.trustedProxies")));
  }

  private HttpVerticle httpVerticle(HttpApi api) {
    return new HttpVerticle(
        api,
        config.httpHost(),
        port,
        config.duration("http.idleTimeout"),
        config.duration("http.bodyTimeout"));
  }

  /** The processing worker after {@code chain}, when files.process is served. */
  private Future<?> deployProcessing(Future<?> chain) {
    Action process = actions.get("files.process");
    ProcessingQueue queue = ProcessingMeters.bind(registry, new ProcessingQueue());
    if (process == null) {
      return chain;
    }
    return chain.compose(
        id ->
            vertx.deployVerticle(
                new ProcessingWorker(
                    process,
                    (int) config.number("processing.maxTries"),
                    config.duration("processing.retryDelay"),
                    queue,
                    tracing)));
  }

  /** The syncer after {@code chain}, when enabled. */
  private Future<?> deploySyncer(Future<?> chain) {
    if (!config.syncerEnabled()) {
      return chain;
    }
    SyncerMetrics metrics = SyncerMeters.bind(registry, new SyncerMetrics());
    return chain.compose(
        id ->
            vertx.deployVerticle(
                new SyncerVerticle(metrics),
                new DeploymentOptions().setConfig(config.syncerConfig())));
  }

  /** The reconciler after {@code chain}, when files.sync is served and an interval is set. */
  private Future<?> deployReconciler(Future<?> chain) {
    Action sync = actions.get("files.sync");
    if (sync == null || config.duration("reconcile.interval").isZero()) {
      return chain;
    }
    return chain.compose(
        id ->
            vertx.deployVerticle(
                new Reconciler(sync, config.duration("reconcile.interval"), tracing)));
  }

  private Authenticator authenticator() {
    String mode = config.authMode();
    return switch (mode) {
      case "trusted" -> Authenticator.trusted(config.admins());
      case "jwt" -> JwtAuthenticator.create(vertx, config.section("auth.jwt"), config.admins());
      default ->
          throw new IllegalArgumentException(
              "auth.mode must be trusted or jwt, not '" + mode + "'");
    };
  }

  private HealthChecks healthChecks() {
    HealthChecks checks = new HealthChecks(vertx, HEALTH_TIMEOUT_MS);
    stores.byBackend().forEach((name, store) -> checks.add("store:" + name, store::ping));
    checks.add("storage:" + storage.name(), storage::ping);
    return checks;
  }

  private String publicUrl() {
    String configured = config.string("http.publicUrl");
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/")
          ? configured.substring(0, configured.length() - 1)
          : configured;
    }
    return baseUrl();
  }

  private static int choosePort(ServiceConfig config) {
    int port = config.httpPort();
    if (port != 0) {
      return port;
    }
    // Chosen before listening because signed storage URLs must name the port.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(config.httpHost()))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + config.httpHost(), e);
    }
  }

  /** Configures and starts a service. */
  public static final class Builder {
    private final ServiceConfig config;
    private ActionsFactory actions = DefaultActions::create;
    private StorageFactory storage = Storages::open;
    private Tracing tracing;

    private Builder(ServiceConfig config) {
      this.config = Objects.requireNonNull(config);
    }

    /** Replaces the actions (tests of the transport use their own). */
    public Builder actions(ActionsFactory factory) {
      this.actions = factory;
      return this;
    }

    /** Replaces how storage is opened (tests use an in-memory storage). */
    public Builder storage(StorageFactory factory) {
      this.storage = factory;
      return this;
    }

    /**
     * Records spans through {@code tracing} (tests give an in-memory exporter); by default {@link
     * Tracing#fromEnvironment()}, which is off unless the {@code OTEL_*} settings ask for traces.
     */
    public Builder tracing(Tracing tracing) {
      this.tracing = tracing;
      return this;
    }

    /** Starts everything; on failure, whatever was started is stopped again. */
    public Future<FilesServer> start() {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ClusterOptions cluster;
      try {
        cluster = ClusterOptions.from(config);
      } catch (RuntimeException e) {
        registry.close();
        return Future.failedFuture(e);
      }
      SharedStateCheck.warnIfInstanceLocal(cluster, config);
      return VertxFactory.start(
              cluster,
              new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)),
              new MicrometerMetricsFactory(registry))
          .onFailure(e -> registry.close())
          .compose(vertx -> start(vertx, registry));
    }

    private Future<FilesServer> start(Vertx vertx, PrometheusMeterRegistry registry) {
      FilesServer server;
      try {
        server =
            new FilesServer(
                vertx,
                registry,
                config,
                choosePort(config),
                tracing != null ? tracing : Tracing.fromEnvironment());
      } catch (RuntimeException e) {
        return vertx.close().transform(v -> Future.failedFuture(e));
      }
      return server
          .assemble(actions, storage)
          .recover(e -> server.stop().transform(v -> Future.failedFuture(e)));
    }
  }
}
